"""bridge.mapper.children: the child rows an SqlEntity read into the context, by the row's key."""

from __future__ import annotations

from anycart.model import Category, Image
from anycart.platforms.bridge.mapper import Many, Mapper, at, children

IMAGE = Mapper(Image, id=at("id", convert=str), http_path=at("path"))
CATEGORY = Mapper(Category, id=at("cid", convert=str), images=Many(IMAGE, children("images", "cid")))


def test_children_are_the_rows_read_for_the_rows_key():
    ctx = {"images": {5: [{"id": 1, "path": "a.png"}, {"id": 2, "path": "b.png"}]}}
    five = CATEGORY.read({"cid": 5}, ctx)
    assert [(i.id, i.http_path) for i in five.images] == [("1", "a.png"), ("2", "b.png")]
    assert CATEGORY.read({"cid": 6}, ctx).images == []
    # a list of its own: a mapper changing it leaves the context's rows alone
    found = children("images", "cid")({"cid": 5}, ctx)
    found.clear()
    assert len(ctx["images"][5]) == 2
