"""Cart price rules and their coupons, as ``Magento_SalesRule``'s REST API serves them: a rule
(``POST /V1/salesRules``) holds the discount (``simple_action``, ``discount_amount``) and the
dates; a coupon (``POST /V1/coupons``) is one code of a rule of ``coupon_type``
``SPECIFIC_COUPON``. ``coupons/search`` lists them through ``searchCriteria``; deleting a
rule deletes its coupons (the ``salesrule_coupon`` foreign key cascades)."""

from __future__ import annotations

from typing import Any

from anycart.sandbox.table import Record

from .sim_rest import RECORDS, SERVED, MagentoError, Repo, no_such

#: ``Magento\SalesRule\Model\Rule``'s actions (``simple_action``)
ACTIONS = ("by_percent", "by_fixed", "cart_fixed", "buy_x_get_y")


def _action(store: Any, rule: Record, body: Record, created: bool) -> None:
    if rule["simple_action"] not in ACTIONS:
        raise MagentoError(400, "Invalid value of \"%value\" provided for the %fieldName field.",
                           {"value": body["simple_action"], "fieldName": "simple_action"})


def _of_rule(store: Any, coupon: Record, body: Record, created: bool) -> None:
    """A coupon's rule takes coupons; its code is no other coupon's."""
    rule = store.data.sales_rules.named(body["rule_id"], lambda key: no_such("rule_id", key))
    if rule["coupon_type"] != "SPECIFIC_COUPON":
        raise MagentoError(400, "Specified rule does not allow coupons")
    if store.data.coupons.index("code").get(coupon["code"]) is not None:
        raise MagentoError(400, "Coupon with the same code already exists.")
    coupon["rule_id"] = rule["rule_id"]


REPOS = {
    "rule": Repo("sales_rules", "sales_rule", "rule", "rule_id", "rule_id", writable=(
        *(k for k in RECORDS["sales_rule"].fields if k not in ("rule_id", "times_used")),
        "from_date", "to_date"), required=("name",), parts=(("coupons", "rule_id"),),
        rules=_action),
    "coupon": Repo("coupons", "coupon", "coupon", "coupon_id", "coupon_id", writable=(
        "code", "usage_limit", "usage_per_customer", "expiration_date", "is_primary"),
        required=("rule_id", "code"), rules=_of_rule),
}
repo = SERVED.endpoints(REPOS)
