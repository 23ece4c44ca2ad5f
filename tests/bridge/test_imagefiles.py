"""bridge.imagefiles on its own: rows first and the file named after the new id; a file
that cannot be written takes its rows back; removal deletes rows, then files."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call
from anycart.platforms.bridge.cascade import Cascade, Step
from anycart.platforms.bridge.imagefiles import ImageFiles, image_kind
from anycart.platforms.bridge.sqlkit import Statement, Written

IMAGES = ImageFiles(lambda i, p: f"img/{p.get('folder', 'x')}/{i}.jpg",
                    Cascade(Step(("image_lang", "image"), "id_image = ?")))


class Conn:
    def __init__(self, fail: bool = False) -> None:
        self.writes: list[list[tuple[str, list[Any]]]] = []
        self.files: Any = self
        self.saved: list[str] = []
        self.deleted: list[str] = []
        self.fail = fail
        self.db = self

    async def write(self, statements: list[Statement]) -> list[Written]:
        self.writes.append([(s.sql, list(s.params)) for s in statements])
        return [Written(40 + n, 1) for n in range(len(statements))]

    async def save(self, path: str, data: bytes) -> None:
        if self.fail:
            raise OSError("disk full")
        self.saved.append(path)

    async def delete(self, path: str) -> None:
        self.deleted.append(path)


def test_rows_first_then_the_file_named_after_the_new_id():
    conn = Conn()
    rows = [Statement("UPDATE {p}image SET cover = NULL", []), Statement("INSERT INTO {p}image", [])]
    assert asyncio.run(IMAGES.add(conn, rows, 1, {"folder": "p"}, b"x")) == (41, "img/p/41.jpg")
    assert conn.saved == ["img/p/41.jpg"] and len(conn.writes) == 1


def test_a_file_that_cannot_be_written_takes_its_rows_back():
    conn = Conn(fail=True)
    with pytest.raises(OSError):
        asyncio.run(IMAGES.add(conn, [Statement("INSERT INTO {p}image", [])], 0, {}, b"x"))
    assert conn.writes[1] == [("DELETE FROM {p}image_lang WHERE id_image = ?", [40]),
                              ("DELETE FROM {p}image WHERE id_image = ?", [40])]


def test_remove_deletes_rows_in_one_write_then_files():
    conn = Conn()
    asyncio.run(IMAGES.remove(conn, [3, 4]))
    assert [sql for sql, _ in conn.writes[0]] == ["DELETE FROM {p}image_lang WHERE id_image = ?",
                                                  "DELETE FROM {p}image WHERE id_image = ?"] * 2
    assert conn.deleted == ["img/x/3.jpg", "img/x/4.jpg"]
    conn = Conn()
    asyncio.run(IMAGES.remove(conn, [5], [Statement("DELETE FROM {p}other", [])], {"folder": "q"}))
    assert conn.writes == [[("DELETE FROM {p}other", [])]] and conn.deleted == ["img/q/5.jpg"]
    conn = Conn()
    asyncio.run(IMAGES.remove(conn, [6], []))  # rows already gone (a product's cascade)
    assert conn.writes == [] and conn.deleted == ["img/x/6.jpg"]


def test_an_image_kind_is_one_of_the_contract_s_and_an_image_is_given():
    def kind(**params: Any) -> str:
        return image_kind(Call("product.image.add", params))

    assert kind(type="Base", url="https://x/a.jpg") == "base"
    assert kind(type="additional", content="aGk=") == "additional"
    for params, code, name in (({"url": "u"}, ReturnCode.REQUIRED_PARAM_MISSING, "type"),
                               ({"type": "cover", "url": "u"}, ReturnCode.INCORRECT_VALUE, "type"),
                               ({"type": "base"}, ReturnCode.REQUIRED_PARAM_MISSING, "url")):
        with pytest.raises(ApiError) as err:
            kind(**params)
        assert err.value.code == code and name in err.value.message
