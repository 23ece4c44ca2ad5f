"""Product media on the Shopify GraphQL simulator: a file staged (``stagedUploadsCreate``,
then a PUT to the target), made a product's media from its ``resourceUrl``
(``productCreateMedia``), its alt text changed (``productUpdateMedia``), moved
(``productReorderMedia``), and what each refuses.

Checked against Shopify's published example of ``stagedUploadsCreate``
(shopify.dev/docs/api/admin-graphql/2024-07/mutations/stagedUploadsCreate, "Create staged
upload targets"): the document asks ``stagedTargets { url resourceUrl parameters { name
value } }`` for the input ``{"filename": "image1.png", "mimeType": "image/png",
"httpMethod": "POST", "resource": "IMAGE"}`` (and a ``VIDEO`` with its ``fileSize``); the
answer holds one target per input, each with a ``url``, a ``resourceUrl`` and name/value
parameters, and ``userErrors`` empty. A POST target's parameters are the form fields
(``Content-Type``, ``success_action_status``, ``acl``, ``key``, ``x-goog-*``); a PUT one's
are ``content_type`` and ``acl``, its URL signed."""

from __future__ import annotations

from typing import Any

from .test_sim_graphql import Gql, clock, gql, sim  # noqa: F401

STAGE = """mutation stagedUploadsCreate($input: [StagedUploadInput!]!) {
  stagedUploadsCreate(input: $input) {
    stagedTargets { url resourceUrl parameters { name value } }
    userErrors { field message } } }"""
CREATE = """mutation ($p: ID!, $m: [CreateMediaInput!]!) { productCreateMedia(productId: $p,
  media: $m) { media { id alt ... on MediaImage { image { url } } }
  mediaUserErrors { field message code } } }"""
UPDATE = """mutation ($p: ID!, $m: [UpdateMediaInput!]!) { productUpdateMedia(productId: $p,
  media: $m) { media { id alt } mediaUserErrors { field code } } }"""
REORDER = """mutation ($p: ID!, $m: [MoveInput!]!) { productReorderMedia(id: $p, moves: $m) {
  job { done } mediaUserErrors { field code } } }"""
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 24


def pgid(pid: Any) -> str:
    return f"gid://shopify/Product/{pid}"


async def test_staged_targets_as_shopify_answers_them(gql: Gql) -> None:
    targets = (await gql(STAGE, {"input": [
        {"filename": "image1.png", "mimeType": "image/png", "httpMethod": "POST",
         "resource": "IMAGE"},
        {"filename": "video.mp4", "mimeType": "video/mp4", "fileSize": "1234",
         "resource": "VIDEO"}]}))["stagedUploadsCreate"]
    assert targets["userErrors"] == []
    post, put = targets["stagedTargets"]
    assert [p["name"] for p in post["parameters"]][:4] == [
        "Content-Type", "success_action_status", "acl", "key"]
    assert post["resourceUrl"].endswith("/image1.png")
    assert [p["name"] for p in put["parameters"]] == ["content_type", "acl"]
    assert "X-Goog-Signature=" in put["url"] and put["resourceUrl"].endswith("/video.mp4")
    refused = (await gql(STAGE, {"input": [
        {"filename": "clip.mp4", "mimeType": "video/mp4", "resource": "VIDEO"},
        {"filename": "a.pdf", "mimeType": "application/pdf", "resource": "IMAGE"}]}))
    assert refused["stagedUploadsCreate"] == {"stagedTargets": None, "userErrors": [
        {"field": ["input", "0", "fileSize"],
         "message": "File size is required for VIDEO resources."},
        {"field": ["input", "1", "mimeType"],
         "message": "Mime type application/pdf is not supported for images."}]}


async def test_a_staged_file_becomes_product_media(gql: Gql) -> None:
    p = next(p for p in gql.shop.data.products.values() if len(p["images"]) >= 1)
    [target] = (await gql(STAGE, {"input": [
        {"filename": "front.png", "mimeType": "image/png", "resource": "IMAGE",
         "fileSize": str(len(PNG))}]}))["stagedUploadsCreate"]["stagedTargets"]
    media = [{"mediaContentType": "IMAGE", "originalSource": target["resourceUrl"],
              "alt": "Front"}]
    early = (await gql(CREATE, {"p": pgid(p["id"]), "m": media}))["productCreateMedia"]
    assert early["mediaUserErrors"] == [{"field": ["media", "0", "originalSource"], "message":
        "Image upload failed: nothing was uploaded to the staged target.", "code": "INVALID"}]
    path = target["url"].split(gql.shop.domain, 1)[1]
    unsigned = await gql.http.put(path.split("?")[0], content=PNG,
                                  headers={"Content-Type": "image/png"})
    assert unsigned.status_code == 403 and b"SignatureDoesNotMatch" in unsigned.content
    wrong_type = await gql.http.put(path, content=PNG, headers={"Content-Type": "image/gif"})
    assert wrong_type.status_code == 400 and b"InvalidArgument" in wrong_type.content
    too_big = await gql.http.put(path, content=PNG + b"x", headers={"Content-Type": "image/png"})
    assert too_big.status_code == 400 and b"EntityTooLarge" in too_big.content
    sent = await gql.http.put(path, content=PNG, headers={"Content-Type": "image/png"})
    assert sent.status_code == 200
    made = (await gql(CREATE, {"p": pgid(p["id"]), "m": media}))["productCreateMedia"]
    assert made["mediaUserErrors"] == []
    [m] = made["media"]
    assert m["alt"] == "Front" and m["image"]["url"] == target["resourceUrl"]
    changed = (await gql(UPDATE, {"p": pgid(p["id"]), "m": [{"id": m["id"], "alt": "Back"}]}))
    assert changed["productUpdateMedia"] == {"media": [{"id": m["id"], "alt": "Back"}],
                                             "mediaUserErrors": []}
    moved = (await gql(REORDER, {"p": pgid(p["id"]), "m": [{"id": m["id"],
                                                             "newPosition": "0"}]}))
    assert moved["productReorderMedia"] == {"job": {"done": True}, "mediaUserErrors": []}
    first = gql.shop.data.products.peek(p["id"])["images"][0]
    assert f"gid://shopify/MediaImage/{first['id']}" == m["id"] and first["position"] == 1
    far = (await gql(REORDER, {"p": pgid(p["id"]), "m": [{"id": m["id"],
                                                           "newPosition": "99"}]}))
    assert far["productReorderMedia"]["mediaUserErrors"] == [
        {"field": ["moves", "0", "newPosition"], "code": "INVALID"}]
    stranger = (await gql(UPDATE, {"p": pgid(p["id"]), "m": [
        {"id": "gid://shopify/MediaImage/1", "alt": "x"}]}))["productUpdateMedia"]
    assert stranger["mediaUserErrors"] == [{"field": ["media", "0", "id"],
                                            "code": "MEDIA_DOES_NOT_EXIST_ON_PRODUCT"}]
