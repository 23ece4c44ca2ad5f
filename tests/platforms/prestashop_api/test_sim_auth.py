"""Keys as dispatcher.php and WebserviceRequest::authenticate read them, and per-key
permissions (resources, methods, shops)."""

from __future__ import annotations

import httpx

from anycart.platforms.prestashop_api.simulator import PrestashopSimulator

from .sim_client import HOST, KEY, error, http, make, sim, xml  # noqa: F401  (fixtures)


def _client(sim: PrestashopSimulator, **kw: object) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app),
                             base_url=f"https://{HOST}", **kw)  # type: ignore[arg-type]


async def test_basic_user_and_ws_key_both_authenticate(sim: PrestashopSimulator) -> None:
    async with _client(sim) as c:
        basic = await c.get("/api/products", auth=(KEY, ""))
        query = await c.get("/api/products", params={"ws_key": KEY})
    assert basic.status_code == query.status_code == 200
    assert basic.content == query.content
    assert basic.headers["PSWS-Version"].startswith("8.")
    assert basic.headers["X-Powered-By"] == "PrestaShop Webservice"


async def test_missing_empty_malformed_and_unknown_keys(sim: PrestashopSimulator) -> None:
    async with _client(sim) as c:
        none = await c.get("/api/products")
        empty = await c.get("/api/products", auth=("", ""))
        short = await c.get("/api/products", params={"ws_key": "abc"})
        unknown = await c.get("/api/products", params={"ws_key": "Z" * 32,
                                                       "output_format": "JSON"})
    assert none.status_code == 401 and none.text == "401 Unauthorized"
    assert "No password required" in none.headers["WWW-Authenticate"]
    assert empty.status_code == 401 and error(empty) == (17, "Authentication key is empty")
    assert error(short) == (18, "Invalid authentication key format")
    assert unknown.status_code == 401
    assert error(unknown) == (20, "Authentification key is not active")
    assert unknown.json() == {"errors": [{"code": 20,
                                          "message": "Authentification key is not active"}]}
    assert "PSWS-Version" not in unknown.headers  # only once authenticated


async def test_key_permissions_per_resource_and_method(sim: PrestashopSimulator) -> None:
    reader = "R" * 32
    sim.shops.add_shop(HOST, reader, permissions={"products": {"GET", "HEAD"}})
    async with _client(sim, auth=(reader, "")) as c:
        ok = await c.get("/api/products")
        denied = await c.get("/api/orders")
        write = await c.post("/api/products", content=b"<prestashop/>")
        listing = await c.get("/api/")
    assert ok.status_code == 200
    assert denied.status_code == 401
    assert error(denied) == (26, 'Resource of type "orders" is not allowed with this '
                                 'authentication key')
    assert write.status_code == 405
    assert error(write) == (25, "Method POST is not allowed for the resource products with "
                                "this authentication key")
    api = xml(listing).find("api")
    assert api is not None and [n.tag for n in api] == ["products"]
    assert api[0].get("get") == "true" and api[0].get("post") == "false"


async def test_forbidden_method_unknown_resource_and_shop_rights(
        sim: PrestashopSimulator) -> None:
    outlet_only = "O" * 32
    sim.shops.add_shop(HOST, outlet_only, shops={2})
    async with _client(sim, auth=(KEY, "")) as c:
        post_stock = await c.post("/api/stock_availables", content=b"<prestashop/>")
        typo = await c.get("/api/prodcts")
        bad_shop = await c.get("/api/products", params={"id_shop": "9"})
    async with _client(sim, auth=(outlet_only, "")) as c:
        default_shop = await c.get("/api/products")
        outlet = await c.get("/api/products", params={"id_shop": "2"})
    assert post_stock.status_code == 405
    assert error(post_stock) == (101, "Method POST is not allowed for the resource "
                                      "stock_availables")
    code, message = error(typo)
    assert typo.status_code == 400 and code == 27
    assert message.startswith('Resource of type "prodcts" does not exists. Did you mean: '
                              '"products"?')
    assert bad_shop.status_code == 404 and error(bad_shop)[0] == 999
    assert default_shop.status_code == 403
    assert error(default_shop) == (132, "No permission for this key on this shop")
    assert outlet.status_code == 200


def test_same_seed_same_store() -> None:
    a, b = make(), make()
    sa, sb = a.shops.find(HOST), b.shops.find(HOST)
    assert [sa.tables["products"].peek(k) for k in sa.tables["products"]] == \
        [sb.tables["products"].peek(k) for k in sb.tables["products"]]


async def test_every_path_is_checked_in_fetch_order(sim: PrestashopSimulator) -> None:
    """Each resource has its routes, yet every path meets fetch's checks in its order: key,
    shop, language, resource (27 for a name nobody lists, 26 for one the key may not use),
    method (23 for a verb the webservice does not know, after the resource)."""
    reader = "R" * 32
    sim.shops.add_shop(HOST, reader, permissions={"products": {"GET", "HEAD"}})
    async with _client(sim) as c:
        bare = await c.get("/api/prodcts/2")
        inactive = await c.get("/api/prodcts", params={"ws_key": "Z" * 32})
    async with _client(sim, auth=(KEY, "")) as c:
        shop = await c.get("/api/prodcts", params={"id_shop": "9"})
        language = await c.get("/api/prodcts", params={"language": "x"})
        typo = await c.get("/api/prodcts/2/more")
        listed = await c.get("/api/search")
        options = await c.options("/api/products/2")
        listing, slash = await c.get("/api/products"), await c.get("/api/products/")
        one, longer = await c.get("/api/products/2"), await c.get("/api/products/2/more")
        no_image = await c.get("/api/images/categories/2")
        no_product = await c.get("/api/images/products//2")
        root, empty_first = await c.get("/api/"), await c.get("/api//products")
    async with _client(sim, auth=(reader, "")) as c:
        denied_options = await c.options("/api/orders")
        reader_typo = await c.get("/api/prodcts")
    assert bare.status_code == 401 and bare.text == "401 Unauthorized"
    assert error(inactive)[0] == 20
    assert error(shop)[0] == 999
    assert language.status_code == 400 and error(language)[0] in (79, 80)
    assert typo.status_code == 400 and error(typo)[0] == 27
    assert "Did you mean" in error(typo)[1]
    assert listed.status_code == 401 and error(listed)[0] == 26  # listed, not simulated
    assert options.status_code == 405 and error(options) == (23, "Method OPTIONS is not valid")
    assert listing.status_code == slash.status_code == 200 and listing.content == slash.content
    assert one.status_code == longer.status_code == 200 and one.content == longer.content
    assert no_image.status_code == 404 and error(no_image)[0] == 67
    assert error(no_product) == (66, 'Product with id "" does not exist')
    assert empty_first.status_code == 200 and empty_first.content == root.content  # no name
    assert denied_options.status_code == 401 and error(denied_options)[0] == 26
    assert reader_typo.status_code == 400 and error(reader_typo)[0] == 27
