"""product.image.add/delete over GraphQL only: an image by URL (``productCreateMedia``), a
base64 one staged first (``stagedUploadsCreate``, the bytes PUT to the simulator's staged
target without the shop's token, its ``resourceUrl`` the media's source), a position by
``productReorderMedia``; a delete by ``productDeleteMedia``."""

from __future__ import annotations

import base64

from tests.platforms.shopify.test_connector import SHOP, env  # noqa: F401

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 40


class _Seen:
    """The simulator's app, keeping each request's method, path and header names."""

    def __init__(self, app) -> None:
        self.app, self.requests = app, []

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            self.requests.append((scope["method"], scope["path"],
                                  {k.decode().lower() for k, _ in scope["headers"]}))
        await self.app(scope, receive, send)


async def test_images_added_placed_and_deleted_as_media(env):
    pid = next(p for p, r in env.shop.data.products.items() if len(r["images"]) >= 2)
    sent = _Seen(env.sim.app)
    env.services.http.mount(SHOP, sent)
    placed = await env.call("product.image.add", body={
        "product_id": str(pid), "url": "https://cdn.example.com/second.png", "label": "Side",
        "image_name": "second.png",
        "type": "additional",
        "position": 2})
    assert placed["return_code"] == 0, placed
    images = env.shop.data.products[pid]["images"]
    assert [str(i["id"]) for i in images].index(placed["result"]["id"]) == 1
    assert images[1]["alt"] == "Side" and images[1]["src"] == "https://cdn.example.com/second.png"
    staged = await env.call("product.image.add", body={
        "product_id": str(pid), "content": base64.b64encode(PNG).decode(),
        "image_name": "front.png", "type": "base"})
    assert staged["return_code"] == 0, staged
    first = env.shop.data.products[pid]["images"][0]
    assert str(first["id"]) == staged["result"]["id"]  # the base image is the first
    assert staged["result"]["image_path"] == first["src"] and "/staged-uploads/" in first["src"]
    state = env.sim.graphql.state(env.shop)
    [upload] = [t for t in state.staged.values() if t["file"] is not None]
    assert upload["file"] == PNG and upload["mime"] == "image/png"
    puts = [r for r in sent.requests if r[0] == "PUT"]
    assert len(puts) == 1 and puts[0][1].startswith("/staged-uploads/")
    assert "x-shopify-access-token" not in puts[0][2]  # the storage never sees the token
    paths = {r[1].rsplit("/", 1)[-1] for r in sent.requests if r[0] != "PUT"}
    assert paths == {"graphql.json"}, sent.requests
    info = await env.call("product.info", {"id": str(pid), "params": "images"})
    assert [i["id"] for i in info["result"]["images"]][:2] == [staged["result"]["id"],
                                                               str(images[0]["id"])]
    bad = await env.call("product.image.add", body={
        "product_id": str(pid), "content": "not base64!", "image_name": "x.png",
        "type": "additional"})
    assert bad["return_code"] == 109 and "content" in bad["return_message"], bad
    notimage = await env.call("product.image.add", body={
        "product_id": str(pid), "content": "aGVsbG8=", "image_name": "notes.txt",
        "type": "additional"})
    assert notimage["return_code"] == 109 and "image_name" in notimage["return_message"]
    gone = await env.call("product.image.delete", {"product_id": str(pid),
                                                   "id": placed["result"]["id"]})
    assert gone["return_code"] == 0, gone
    assert placed["result"]["id"] not in {str(i["id"]) for i in
                                          env.shop.data.products[pid]["images"]}
    nowhere = await env.call("product.image.add", body={
        "product_id": "999999999", "url": "https://cdn.example.com/x.png", "image_name": "x.png",
        "type": "additional"})
    assert nowhere["return_code"] == 112 and nowhere["return_message"].startswith("Product")
