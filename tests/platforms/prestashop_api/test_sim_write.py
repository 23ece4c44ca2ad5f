"""Writes as saveEntityFromXml does them: POST (no id), PUT (the whole object), PATCH (only
what it names), DELETE; validation and association errors; date_upd on every write."""

from __future__ import annotations

from typing import Any

import httpx
import xmltodict

from anycart.platforms.prestashop_api.simulator import PrestashopSimulator

from .sim_client import HOST, NOW, error, http, sim, xml  # noqa: F401  (fixtures)

STAMP = NOW.strftime("%Y-%m-%d %H:%M:%S")


def _body(node: str, fields: dict[str, Any]) -> bytes:
    return xmltodict.unparse({"prestashop": {node: fields}}).encode()


_PRODUCT = {"price": "12.5", "reference": "NEW-1", "id_category_default": "4",
            "name": {"language": [{"@id": "1", "#text": "Blue hat"},
                                  {"@id": "2", "#text": "Chapeau bleu"}]},
            "associations": {"categories": {"category": [{"id": "2"}, {"id": "4"}]}}}


async def test_post_creates_with_stamps_and_stock(http: httpx.AsyncClient) -> None:
    r = await http.post("/api/products", content=_body("product", _PRODUCT))
    assert r.status_code == 201, r.text
    product = xml(r).find("product")
    assert product is not None
    pid = product.findtext("id")
    assert product.findtext("price") == "12.500000"
    assert product.findtext("date_add") == product.findtext("date_upd") == STAMP
    assert [n.text for n in product.findall("name/language")] == ["Blue hat", "Chapeau bleu"]
    got = (await http.get(f"/api/products/{pid}", params={"output_format": "JSON"})).json()
    assert got["product"]["associations"]["categories"] == [{"id": "2"}, {"id": "4"}]
    assert got["product"]["quantity"] == "0"  # add() made the shop's stock row
    cat = (await http.get("/api/products", params={"output_format": "JSON",
                                                   "filter[reference]": "[NEW-1]"})).json()
    assert cat["products"] == [{"id": int(str(pid))}]


async def test_post_refusals(http: httpx.AsyncClient) -> None:
    with_id = await http.post("/api/products", content=_body("product", {"id": "3", **_PRODUCT}))
    assert error(with_id) == (91, "id is forbidden when adding a new resource")
    no_price = {k: v for k, v in _PRODUCT.items() if k != "price"}
    required = await http.post("/api/products", content=_body("product", no_price))
    assert error(required) == (41, 'parameter "price" required')
    invalid = await http.post("/api/products", content=_body("product", {**_PRODUCT,
                                                                         "price": "cheap"}))
    assert error(invalid) == (85, 'Validation error: "The price field is invalid."')
    long = await http.post("/api/products", content=_body("product", {
        **_PRODUCT, "link_rewrite": {"language": [{"@id": "1", "#text": "x"},
                                                  {"@id": "2", "#text": "x"}]},
        "name": {"language": [{"@id": "1", "#text": "x" * 200}]}}))
    assert error(long) == (84, 'Validation error: "The name field is too long (128 chars '
                               'max)."')
    quantity = await http.post("/api/products", content=_body("product", {**_PRODUCT,
                                                                          "quantity": "5"}))
    assert error(quantity)[0] == 93
    assoc = await http.post("/api/products", content=_body("product", {
        **_PRODUCT, "associations": {"nope": {"x": {"id": "1"}}}}))
    assert error(assoc) == (86, 'The association "nope" does not exists')
    broken = await http.post("/api/products", content=b"<prestashop><product>")
    assert broken.status_code == 500 and error(broken)[0] == 127


async def test_put_replaces_patch_merges(http: httpx.AsyncClient) -> None:
    no_id = await http.put("/api/customers/1", content=_body("customer", {"email": "a@b.co"}))
    assert error(no_id) == (90, "id is required when modifying a resource")
    unknown = await http.put("/api/customers/1", content=_body("customer", {"id": "999"}))
    assert unknown.status_code == 404 and error(unknown) == (92, "Invalid ID")
    partial = await http.put("/api/customers/1", content=_body("customer", {
        "id": "1", "email": "ada@example.com"}))
    assert error(partial) == (41, 'parameter "passwd" required')  # PUT wants the whole object
    patched = await http.patch("/api/customers/1", params={"output_format": "JSON"},
                               content=_body("customer", {"id": "1", "note": "VIP"}))
    assert patched.status_code == 200
    customer = patched.json()["customer"]
    assert customer["note"] == "VIP" and customer["email"].endswith("@example.com")
    assert customer["date_upd"] == STAMP


async def test_order_history_moves_the_order_and_tracking_is_written(
        http: httpx.AsyncClient) -> None:
    before = (await http.get("/api/orders/1", params={"output_format": "JSON"})).json()
    assert before["order"]["date_upd"] != STAMP
    r = await http.post("/api/order_histories", content=_body("order_history", {
        "id_order": "1", "id_order_state": "4"}))
    assert r.status_code == 201
    after = (await http.get("/api/orders/1", params={"output_format": "JSON"})).json()["order"]
    assert after["current_state"] == "4" and after["date_upd"] == STAMP
    carriers = (await http.get("/api/order_carriers", params={
        "output_format": "JSON", "display": "full", "filter[id_order]": "[1]"})).json()
    oc = carriers["order_carriers"][0]
    put = await http.put(f"/api/order_carriers/{oc['id']}", content=_body("order_carrier", {
        **{k: v for k, v in oc.items() if k != "associations"}, "tracking_number": "1Z999"}))
    assert put.status_code == 200, put.text
    order = (await http.get("/api/orders/1", params={"output_format": "JSON"})).json()
    assert order["order"]["shipping_number"] == "1Z999"


async def test_delete_one_and_many(http: httpx.AsyncClient) -> None:
    assert (await http.delete("/api/products/2")).status_code == 200
    assert (await http.get("/api/products/2")).status_code == 404
    many = await http.delete("/api/products", params={"id": "[4,5]"})
    assert many.status_code == 200
    missing = await http.delete("/api/products", params={"id": "[6,99]"})
    assert error(missing) == (87, "Id(s) not exists: 99")
    assert (await http.get("/api/products/6")).status_code == 200  # nothing deleted


async def test_images_of_a_product(http: httpx.AsyncClient, sim: PrestashopSimulator) -> None:
    listing = xml(await http.get("/api/images/products/2"))
    image = listing.find("image")
    assert image is not None and image.get("id") == "2"
    decl = image.findall("declination")
    assert decl and decl[0].get("{http://www.w3.org/1999/xlink}href", "").startswith(
        f"https://{HOST}/api/images/products/2/")
    jpeg = await http.get(f"/api/images/products/2/{decl[0].get('id')}")
    assert jpeg.headers["content-type"] == "image/jpeg" and jpeg.content[:2] == b"\xff\xd8"
    missing = await http.get("/api/images/products/999")
    assert missing.status_code == 404 and error(missing)[0] == 66


async def test_form_prefixed_body_and_cached_copy(http: httpx.AsyncClient) -> None:
    # dispatcher.php drops a leading "xml=" (bodies sent as a form field)
    r = await http.post("/api/products", content=b"xml=" + _body("product", _PRODUCT))
    assert r.status_code == 201
    first = await http.get("/api/products/1")
    again = await http.get("/api/products/1",
                           headers={"Local-Content-Sha1": first.headers["Content-Sha1"]})
    assert again.status_code == 304 and again.content == b""


async def test_setters_and_modifiers(http: httpx.AsyncClient) -> None:
    made = await http.post("/api/categories", params={"output_format": "JSON"},
                           content=_body("category", {
                               "active": "1", "id_parent": "2",
                               "name": {"language": [{"@id": "1", "#text": "Summer Sale"},
                                                     {"@id": "2", "#text": "Soldes d'été"}]}}))
    assert made.status_code == 201, made.text
    category = made.json()["category"]
    assert category["link_rewrite"] == [{"id": "1", "value": "summer-sale"},
                                        {"id": "2", "value": "soldes-d-ete"}]
    # without link_rewrite, a 200-character name makes a 200-character link_rewrite, which
    # validateFieldsLang meets first (link_rewrite is declared before name)
    long = await http.post("/api/products", content=_body("product", {
        **_PRODUCT, "name": {"language": [{"@id": "1", "#text": "x" * 200}]}}))
    assert error(long)[1] == ('Validation error: "The link_rewrite field is too long (128 '
                              'chars max)."')
    customer = (await http.get("/api/customers/2", params={"output_format": "JSON"})).json()
    body = {k: v for k, v in customer["customer"].items() if k != "associations"}
    # secure_key and last_passwd_gen are readOnly in a synopsis, but a PUT may send them back
    put = await http.put("/api/customers/2", params={"output_format": "JSON"},
                         content=_body("customer", {**body, "passwd": "new secret"}))
    assert put.status_code == 200, put.text
    saved = put.json()["customer"]
    assert saved["passwd"].startswith("$2y$10$") and saved["passwd"] != "new secret"
    assert saved["secure_key"] == body["secure_key"]
    synopsis = xml(await http.get("/api/customers", params={"schema": "synopsis"}))[0]
    assert synopsis.find("secure_key").get("readOnly") == "true"  # type: ignore[union-attr]


async def test_image_upload_and_delete(http: httpx.AsyncClient) -> None:
    from anycart.platforms.prestashop_api.seed import jpeg

    before = [d.get("id") for d in xml(await http.get("/api/images/products/4")).findall(
        "image/declination")]
    r = await http.post("/api/images/products/4", files={"image": ("hat.jpg", jpeg(3),
                                                                    "image/jpeg")})
    assert r.status_code == 200, r.text
    root = xml(r)
    new = root.findtext("image/id")
    assert root.findtext("image/id_product") == "4" and root.find("content") is not None
    after = [d.get("id") for d in xml(await http.get("/api/images/products/4")).findall(
        "image/declination")]
    assert after == [*before, new]
    got = await http.get(f"/api/images/products/4/{new}")
    assert got.content == jpeg(3)
    assert (await http.delete(f"/api/images/products/4/{new}")).status_code == 200
    assert (await http.get(f"/api/images/products/4/{new}")).status_code == 404
    empty = await http.post("/api/images/products/4", files={"other": ("x", b"x")})
    assert error(empty) == (76, 'Please set an "image" parameter with image data for value')
    text = await http.post("/api/images/products/4", files={"image": ("x.jpg", b"not a jpeg")})
    assert error(text)[0] == 76 and error(text)[1].startswith("Image upload error")
    put = await http.put("/api/images/products/4", content=b"")
    assert error(put)[0] == 25  # the default key may not PUT images


async def test_image_methods_the_management_refuses(sim: PrestashopSimulator) -> None:
    key = "P" * 32
    sim.shops.add_shop(HOST, key, permissions={"images": {"PUT"}})
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app),
                                 base_url=f"https://{HOST}", auth=(key, "")) as c:
        put = await c.put("/api/images/products/4", content=b"")
    assert put.status_code == 405
    assert error(put) == (77, "Method PUT is not allowed for an image resource")


async def test_ids_of_a_write_are_read_as_php_casts_them(http: httpx.AsyncClient) -> None:
    """``saveEntityFromXml`` counts an id given at all and compares them as ``(int)``: "1"
    and "01" are one id twice (89); the object is loaded by ``(int) $attributes->id``."""
    twice = b"".join((b"<prestashop>",
                      *(b"<customer><id>%s</id><note>x</note></customer>" % i for i in (b"1", b"01")),
                      b"</prestashop>"))
    assert error(await http.patch("/api/customers", content=twice)) == (
        89, "id is duplicate in request")
    junk = await http.patch("/api/customers/1", params={"output_format": "JSON"},
                            content=_body("customer", {"id": "1abc", "note": "cast"}))
    assert junk.status_code == 200, junk.text
    got = (await http.get("/api/customers/1", params={"output_format": "JSON"})).json()
    assert got["customer"]["note"] == "cast"
    blank = await http.patch("/api/customers/1", content=_body("customer", {"id": " ", "note": "y"}))
    assert error(blank) == (92, "Invalid ID")  # given, so counted; (int) " " is 0
