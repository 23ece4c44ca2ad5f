"""Cart price rules and their coupons, as ``Magento_SalesRule``'s REST API serves them: a rule
(``POST /V1/salesRules``) holds the discount (``simple_action``, ``discount_amount``) and the
dates; a coupon (``POST /V1/coupons``) is one code of a rule of ``coupon_type``
``SPECIFIC_COUPON``. ``coupons/search`` lists them through ``searchCriteria``; deleting a
rule deletes its coupons (the ``salesrule_coupon`` foreign key cascades)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .sim_rest import RECORDS, MagentoError, no_such, read_json, reply, required
from .sim_store import store_of

#: ``Magento\SalesRule\Model\Rule``'s actions (``simple_action``)
ACTIONS = ("by_percent", "by_fixed", "cart_fixed", "buy_x_get_y")
_RULE_WRITABLE = (*(k for k in RECORDS["sales_rule"].fields if k not in ("rule_id", "times_used")),
                  "from_date", "to_date")
_COUPON_WRITABLE = ("code", "usage_limit", "usage_per_customer", "expiration_date", "is_primary")


async def post_rule(request: Request) -> Response:
    store = store_of(request)
    body = (await read_json(request, "rule"))["rule"]
    if not body.get("name"):
        raise required("name")
    if body.get("simple_action", "by_percent") not in ACTIONS:
        raise MagentoError(400, "Invalid value of \"%value\" provided for the %fieldName field.",
                           {"value": body["simple_action"], "fieldName": "simple_action"})
    table = store.data.sales_rules
    key = table.next_id
    table[key] = RECORDS["sales_rule"].make(
        {k: body[k] for k in _RULE_WRITABLE if k in body}, rule_id=key)
    return reply(table[key])


def _rule(request: Request) -> dict[str, Any]:
    return store_of(request).data.sales_rules.named(request.path_params["id"],
                                                    lambda key: no_such("rule_id", key))


def get_rule(request: Request) -> Response:
    return reply(_rule(request))


def delete_rule(request: Request) -> Response:
    data = store_of(request).data
    rule = _rule(request)
    for coupon in data.coupons.where(rule_id=rule["rule_id"]):
        del data.coupons[coupon["coupon_id"]]
    del data.sales_rules[rule["rule_id"]]
    return reply(True)


async def post_coupon(request: Request) -> Response:
    store = store_of(request)
    body = (await read_json(request, "coupon"))["coupon"]
    missing = [f for f in ("rule_id", "code") if not body.get(f)]
    if missing:
        raise required(*missing)
    rule = store.data.sales_rules.named(body["rule_id"], lambda key: no_such("rule_id", key))
    if rule["coupon_type"] != "SPECIFIC_COUPON":
        raise MagentoError(400, "Specified rule does not allow coupons")
    if store.data.coupons.index("code").get(body["code"]) is not None:
        raise MagentoError(400, "Coupon with the same code already exists.")
    table = store.data.coupons
    key = table.next_id
    table[key] = RECORDS["coupon"].make({k: body[k] for k in _COUPON_WRITABLE if k in body},
                                        coupon_id=key, rule_id=rule["rule_id"],
                                        created_at=store.stamp())
    return reply(table[key])


def _coupon(request: Request) -> dict[str, Any]:
    return store_of(request).data.coupons.named(request.path_params["id"],
                                                lambda key: no_such("coupon_id", key))


def get_coupon(request: Request) -> Response:
    return reply(_coupon(request))


def delete_coupon(request: Request) -> Response:
    data = store_of(request).data
    del data.coupons[_coupon(request)["coupon_id"]]
    return reply(True)
