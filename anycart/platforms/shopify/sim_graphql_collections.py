"""Admin GraphQL writes on collections, publications and product media.

Custom collections and their members, and smart collections (a rule set, no manual
members), go through the record rules of :mod:`.sim_collections`.
A new collection is on no channel (as ``collectionCreate`` makes it);
``publishablePublish``/``Unpublish`` put it on or off the one publication, the Online Store.
The media mutations (deprecated at 2025-10, still served) answer ``mediaUserErrors``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from anycart.sandbox.crud import Crud
from anycart.sandbox.inputs import InputBody
from anycart.sandbox.table import Record

from . import sim_collections, sim_products, sim_staged
from . import sim_graphql_objects as views
from .sim_graphql_views import GqlCtx, View, ctx_of, gid, parse_gid
from .sim_graphql_write import Mutation, UserErrors, below, error, mutation, need, removed, saved

_COLLECTION = InputBody(("title", "handle", "descriptionHtml", "templateSuffix", "sortOrder"),
                        {"descriptionHtml": "body_html"},
                        {"sortOrder": lambda s: s.lower().replace("_", "-")})


def _find(g: GqlCtx, value: Any, field: list[str]) -> Record:
    cid = parse_gid(value, "Collection")
    found = next((c for c in views.collections_of(g) if c["id"] == cid), None)
    if found is None:
        raise UserErrors(error(field, "Collection does not exist"))
    return found


def _rules_of(c: Record) -> Crud:
    """The record rules a collection is written by: a smart one's or a custom one's."""
    return sim_collections.SMART if "rules" in c else sim_collections.COLLECTIONS


def _rules(rule_set: Mapping[str, Any]) -> dict[str, Any]:
    return {"disjunctive": bool(rule_set["appliedDisjunctively"]), "rules": [
        {"column": r["column"].lower(), "relation": r["relation"].lower(),
         "condition": r["condition"]} for r in rule_set.get("rules") or []]}


def _product_ids(g: GqlCtx, ids: list[str], field: list[str]) -> list[int]:
    return [need(g, "products", value, "Product", field, f"Product {value} does not exist",
                 None) for value in ids]


def _view(g: GqlCtx, cid: int) -> View:
    return views.collection(g, next(c for c in views.collections_of(g) if c["id"] == cid))


def collection_create(g: GqlCtx, input: Mapping[str, Any]) -> View:
    body = {**_COLLECTION.body(input), "published": False}
    if input.get("ruleSet") is None:
        pids = _product_ids(g, input.get("products") or [], ["products"])
        made = saved(g, sim_collections.COLLECTIONS, None, {
            **body, "collects": [{"product_id": p} for p in pids]})
    elif input.get("products"):
        raise UserErrors(error(["products"], "Can't manually add products to a smart collection"))
    else:
        made = saved(g, sim_collections.SMART, None, {**body, **_rules(input["ruleSet"])})
    return {"collection": _view(g, made["id"])}


def collection_update(g: GqlCtx, input: Mapping[str, Any]) -> View:
    c = _find(g, input.get("id"), ["id"])
    rule_set = input.get("ruleSet")
    if rule_set is not None and "rules" not in c:
        raise UserErrors(error(["ruleSet"], "Cannot update rule set of a custom collection"))
    saved(g, _rules_of(c), c["id"], {**_COLLECTION.body(input), **(
        _rules(rule_set) if rule_set is not None else {})})
    # a new rule set re-reads which products match: a job, done at once here
    return {"collection": _view(g, c["id"]), "job": {
        "id": gid("Job", f"{c['id']}-rules"), "done": True, "query": {}}
        if rule_set is not None else None}


def collection_delete(g: GqlCtx, input: Mapping[str, Any]) -> View:
    c = _find(g, input["id"], ["id"])
    removed(g, _rules_of(c), c["id"])
    return {"deletedCollectionId": gid("Collection", c["id"]), "shop": views.shop_view(g)}


def _manual(g: GqlCtx, id: str, verb: str) -> Record:
    c = _find(g, id, ["id"])
    if "rules" in c:
        raise UserErrors(error(["id"], f"Can't manually {verb} products to a smart collection"
                               if verb == "add" else
                               f"Can't manually {verb} products from a smart collection"))
    return c


def add_products(g: GqlCtx, id: str, productIds: list[str]) -> View:
    c = _manual(g, id, "add")
    held = g.data.links.members(c["id"])
    for pid in _product_ids(g, productIds, ["productIds"]):
        if pid not in held:
            saved(g, sim_collections.COLLECTS, None, {"product_id": pid,
                                                      "collection_id": c["id"]})
    return {"collection": _view(g, c["id"])}


def remove_products(g: GqlCtx, id: str, productIds: list[str]) -> View:
    """Products not in the collection (or not existing) are not checked, as Shopify says."""
    c = _manual(g, id, "remove")
    gone = {parse_gid(p, "Product") for p in productIds}
    for link in [x for x in g.data.collects.values()
                 if x["collection_id"] == c["id"] and x["product_id"] in gone]:
        removed(g, sim_collections.COLLECTS, link["id"])
    return {"job": {"id": gid("Job", f"{c['id']}-remove"), "done": True, "query": {}}}


# -- publications -----------------------------------------------------------------------------
def _publish(g: GqlCtx, id: str, input: list[Mapping[str, Any]], on: bool) -> View:
    """A collection put on (or taken off) the Online Store, the shop's one publication."""
    c = _find(g, id, ["id"])
    for i, given in enumerate(input):
        if given.get("publicationId") != views.ONLINE_STORE["id"]:
            raise UserErrors(error(["input", str(i), "publicationId"],
                                   "Publication does not exist"))
    saved(g, _rules_of(c), c["id"], {"published": on})
    return {"publishable": _view(g, c["id"])}


# -- product media --------------------------------------------------------------------------
def _media_errors(errors: list[View]) -> View:
    """Media mutations answer ``mediaUserErrors`` (with codes) and the deprecated
    ``userErrors`` (the same errors)."""
    return {"mediaUserErrors": errors, "userErrors": [
        {"field": x["field"], "message": x["message"]} for x in errors]}


def _product_of(g: GqlCtx, value: Any) -> int:
    return need(g, "products", value, "Product", ["productId"], "Product does not exist",
                "PRODUCT_DOES_NOT_EXIST")


def create_media(g: GqlCtx, productId: str, media: list[Mapping[str, Any]]) -> View:
    """From a URL, or a staged upload's ``resourceUrl`` once its file was sent there."""
    pid = _product_of(g, productId)
    for i, m in enumerate(media):
        if m["mediaContentType"] != "IMAGE":
            raise UserErrors(error(["media", str(i), "mediaContentType"],
                                   "This simulator stores images only", "INVALID_MEDIA_TYPE"))
        if sim_staged.uploaded(g, m["originalSource"]) is False:
            raise UserErrors(error(["media", str(i), "originalSource"], "Image upload failed: "
                                   "nothing was uploaded to the staged target.", "INVALID"))
    made = [below(g, sim_products.IMAGES, "POST", pid, body={"image": {
        "src": m["originalSource"], "alt": m.get("alt")}})["id"] for m in media]
    p = g.data.products.peek(pid)
    return {"media": [views.image(g, i) for i in p["images"] if i["id"] in made],
            "product": views.product(g, p)}


def delete_media(g: GqlCtx, productId: str, mediaIds: list[str]) -> View:
    pid = _product_of(g, productId)
    ids = _held(g, pid, mediaIds, lambda i: ["mediaIds", str(i)])
    for iid in ids:
        below(g, sim_products.IMAGES, "DELETE", pid, iid)
    return {"deletedMediaIds": [gid("MediaImage", i) for i in ids],
            "deletedProductImageIds": [gid("ProductImage", i) for i in ids],
            "product": views.product(g, g.data.products.peek(pid))}


def _held(g: GqlCtx, pid: int, ids: list[str], at: Callable[[int], list[str]]) -> list[int]:
    """The image ids of ``ids`` (MediaImage gids), each on product ``pid`` (``at``: the
    field an error names)."""
    held = {i["id"] for i in g.data.products.peek(pid)["images"]}
    out = [parse_gid(m, "MediaImage") for m in ids]
    for i, iid in enumerate(out):
        if iid not in held:
            raise UserErrors(error(at(i), f"Media id {ids[i]} does not exist on this product.",
                                   "MEDIA_DOES_NOT_EXIST_ON_PRODUCT"))
    return [i for i in out if i is not None]


def update_media(g: GqlCtx, productId: str, media: list[Mapping[str, Any]]) -> View:
    pid = _product_of(g, productId)
    ids = _held(g, pid, [m["id"] for m in media], lambda i: ["media", str(i), "id"])
    for iid, m in zip(ids, media, strict=True):
        if "alt" in m:
            below(g, sim_products.IMAGES, "PUT", pid, iid, {"image": {"alt": m["alt"]}})
    p = g.data.products.peek(pid)
    return {"media": [views.image(g, i) for i in p["images"] if i["id"] in ids],
            "product": views.product(g, p)}


def reorder_media(g: GqlCtx, id: str, moves: list[Mapping[str, Any]]) -> View:
    """Moves to 0-based positions, applied in turn (the order settles asynchronously in
    Shopify: a job, done at once here)."""
    pid = _product_of(g, id)
    ids = _held(g, pid, [m["id"] for m in moves], lambda i: ["moves", str(i), "id"])
    count = len(g.data.products.peek(pid)["images"])
    for i, m in enumerate(moves):
        if not str(m["newPosition"]).isdecimal() or int(m["newPosition"]) >= count:
            raise UserErrors(error(["moves", str(i), "newPosition"], "Position is invalid",
                                   "INVALID"))
    for iid, m in zip(ids, moves, strict=True):
        below(g, sim_products.IMAGES, "PUT", pid, iid,
              {"image": {"position": int(m["newPosition"]) + 1}})
    return {"job": {"id": gid("Job", f"{pid}-media"), "done": True, "query": {}}}


def _with_shop(scoped: tuple[str, Mutation]) -> tuple[str, Mutation]:
    """collectionDelete's ``shop`` is non-null: answered beside userErrors too."""
    scope, resolve = scoped
    return scope, lambda _, info, **args: {"shop": views.shop_view(ctx_of(info)),
                                           **resolve(_, info, **args)}


#: root field -> (required access scope, resolver)
MUTATIONS: dict[str, tuple[str | None, Mutation]] = {
    "collectionCreate": mutation("write_products", "input", collection_create),
    "collectionUpdate": mutation("write_products", "input", collection_update),
    "collectionDelete": _with_shop(mutation("write_products", "input", collection_delete)),
    "collectionAddProducts": mutation("write_products", "productIds", add_products),
    "collectionRemoveProducts": mutation("write_products", "productIds", remove_products),
    "publishablePublish": _with_shop(mutation(
        "write_publications", "input", lambda g, id, input: _publish(g, id, input, True))),
    "publishableUnpublish": _with_shop(mutation(
        "write_publications", "input", lambda g, id, input: _publish(g, id, input, False))),
    "productCreateMedia": mutation("write_products", "media", create_media, _media_errors),
    "productDeleteMedia": mutation("write_products", "mediaIds", delete_media, _media_errors),
    "productUpdateMedia": mutation("write_products", "media", update_media, _media_errors),
    "productReorderMedia": mutation("write_products", "moves", reorder_media, _media_errors),
    "stagedUploadsCreate": mutation("write_products", "input", sim_staged.create),
}
