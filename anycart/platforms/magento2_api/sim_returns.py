"""Adobe Commerce's returns (``Magento_Rma``; Magento Open Source has no such module, and a store
without it has no ``/V1/returns`` route: 404 ``Request does not match any route.``).

An RMA (``rma-data-rma-interface``) is one return of one order: its ``status`` and its items
(``rma-data-item-interface``: the order line, ``qty_requested``, the reason, condition and
resolution option ids, the item's own status), its comments and return tracks. A save
(``POST /V1/returns``, ``PUT /V1/returns/{id}``, ``{"rmaDataObject": ...}``) checks, as
``Magento\\Rma\\Model\\Rma`` does, that each item is a line of the order and that no more is
asked than was ordered less what the order's other RMAs ask (*unconfirmed*: the messages'
wording, :data:`~.sim_rest.TEXT` ``rma_*``); a PUT changes the status and, by ``entity_id``,
its items' statuses and quantities, and appends new comments.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from anycart.sandbox.sublists import At, Op, Sublist, endpoints
from anycart.sandbox.table import Record

from .sim_rest import DIALECT, RECORDS, SERVED, TEXT, MagentoError, Repo, found, reply
from .sim_store import MagentoStore, store_of

#: ``Magento\Rma\Model\Rma\Source\Status``'s states; an item's (``Item\Attribute\Source\Status``).
STATUSES = ("pending", "authorized", "partially_authorized", "received", "received_on_item",
            "approved_on_item", "rejected_on_item", "closed", "processed_closed")
ITEM_STATUSES = ("pending", "authorized", "received", "approved", "rejected", "denied")
_ITEM_COPIED = ("reason", "condition", "resolution", "qty_authorized", "qty_approved",
                "qty_returned")


def _status(value: Any, allowed: tuple[str, ...], name: str) -> str:
    if value not in allowed:
        raise MagentoError(400, TEXT["rma_status"], {"value": str(value), "fieldName": name})
    return str(value)


def _asked(store: MagentoStore, order: Record, own: int) -> dict[int, float]:
    """What the order's other RMAs already ask back, per order line."""
    asked: dict[int, float] = {}
    for key in store.data.returns.sorted_keys():
        rma = store.data.returns.peek(key)
        if rma["order_id"] == order["entity_id"] and key != own:
            for item in rma["items"]:
                asked[item["order_item_id"]] = asked.get(item["order_item_id"], 0) + item["qty_requested"]
    return asked


def _item(store: MagentoStore, rma: Record, lines: dict[Any, Record], asked: dict[int, float],
          body: Any) -> Record:
    given = body if isinstance(body, dict) else {}
    line = lines.get(given.get("order_item_id"))
    if line is None:
        raise MagentoError(400, TEXT["rma_item"], [str(given.get("order_item_id"))])
    qty = given.get("qty_requested")
    left = line["qty_ordered"] - asked.get(line["item_id"], 0)
    if not isinstance(qty, int) or isinstance(qty, bool) or not 0 < qty <= left:
        raise MagentoError(400, TEXT["rma_qty"], [line["name"]])
    asked[line["item_id"]] = asked.get(line["item_id"], 0) + qty
    return RECORDS["rma_item"].make(
        {k: given[k] for k in _ITEM_COPIED if given.get(k) is not None},
        entity_id=store.next_id("rma_item"), rma_entity_id=rma["entity_id"],
        order_item_id=line["item_id"], qty_requested=qty,
        status=_status(given.get("status", "pending"), ITEM_STATUSES, "status"))


def _comment(store: MagentoStore, rma: Record, body: Any) -> Record:
    given = body if isinstance(body, dict) else {}
    return RECORDS["rma_comment"].make(
        {k: given[k] for k in ("customer_notified", "visible_on_front", "admin") if k in given},
        entity_id=store.next_id("rma_comment"), rma_entity_id=rma["entity_id"],
        comment=str(given.get("comment") or ""), created_at=store.stamp(), status=rma["status"])


def _save(store: MagentoStore, rma: Record, body: Record, created: bool) -> None:
    """A new RMA's order, items and dates; a changed one's status, items and new comments."""
    if created:
        order = store.data.orders.named(body.get("order_id"),
                                        lambda _: MagentoError(404, TEXT["no_entity"]))
        lines = {i["item_id"]: i for i in order["items"] if i["parent_item_id"] is None}
        asked = _asked(store, order, rma["entity_id"])
        rma.update(order_id=order["entity_id"], order_increment_id=order["increment_id"],
                   store_id=order["store_id"], customer_id=order.get("customer_id") or 0,
                   increment_id=f"{order['store_id']}{rma['entity_id']:08d}",
                   customer_custom_email=str(body.get("customer_custom_email") or ""),
                   date_requested=store.stamp())
        rma["items"] = [_item(store, rma, lines, asked, i) for i in body.get("items") or []]
        if not rma["items"]:
            raise MagentoError(400, TEXT["rma_items"])
    else:
        by_id = {i["entity_id"]: i for i in rma["items"]}
        for given in body.get("items") or []:
            item = by_id.get(given.get("entity_id")) if isinstance(given, dict) else None
            if item is None:
                raise MagentoError(400, TEXT["rma_item"], [str(given)])
            item.update({k: given[k] for k in _ITEM_COPIED if given.get(k) is not None})
            if "status" in given:
                item["status"] = _status(given["status"], ITEM_STATUSES, "status")
    if body.get("status") is not None:
        rma["status"] = _status(body["status"], STATUSES, "status")
    new = [c for c in body.get("comments") or [] if isinstance(c, dict) and not c.get("entity_id")]
    rma["comments"] += [_comment(store, rma, c) for c in new]


REPOS = {"rma": Repo("returns", "rma", "rmaDataObject", "entity_id", "id", rules=_save)}
repo = SERVED.endpoints(REPOS)


def _rma(request: Request, store: MagentoStore, op: Op = "read") -> Record:
    return SERVED.find(store, REPOS["rma"], request.path_params["id"])


def _track(at: At, given: Record) -> Record:
    return RECORDS["rma_track"].make(
        {k: str(given[k]) for k in ("track_number", "carrier_title", "carrier_code")
         if given.get(k) is not None},
        entity_id=at.store.next_id("rma_track"), rma_entity_id=at.parent["entity_id"])


def _changed(at: At) -> None:
    at.store.data.returns.changed()


#: an RMA's comments (``POST {"data": comment}``) and return tracks (``POST {"track": ...}``,
#: ``DELETE /{track}``: a track of another RMA is a 404), each write answered ``true``
LISTS = {"comments": Sublist(_rma, "comments", listed=found("rma_entity_id", "entity_id"),
                             wrap="data", make=lambda at, given: _comment(
                                 at.store, at.parent, given), changed=_changed),
         "tracks": Sublist(_rma, "tracks", "track", lambda t: t["entity_id"],
                           listed=found("rma_entity_id", "entity_id"), wrap="track",
                           make=_track, changed=_changed)}
lists = endpoints(LISTS, DIALECT)


def labels(request: Request) -> Response:
    """The RMA's shipping label (base64 PDF): none printed here, an empty string."""
    _rma(request, store_of(request))
    return reply("")
