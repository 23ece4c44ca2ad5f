"""The unified return state machine (``kit.returns``): statuses a platform declares on it,
the moves it allows and refuses (with the platform's reason), what a return takes back."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call
from anycart.platforms.kit.returns import (
    LEGAL,
    FinalReturns,
    RecordReturns,
    ReturnLine,
    ReturnMethods,
    ReturnStatuses,
    Unified,
    check_returnable,
    from_names,
    guess,
    lines,
)

U = Unified
SHOP = ReturnStatuses("Shop", {"1": ("Pending", U.REQUESTED), "2": ("Approved", U.APPROVED),
                               "3": ("Closed", U.CLOSED), "4": ("Refunded", U.REFUNDED),
                               "5": ("Declined", U.DECLINED)},
                      refused={(U.CLOSED, U.APPROVED): "Shop never reopens a closed return"})


def _refused(run) -> str:
    with pytest.raises(ApiError) as err:
        run()
    assert err.value.code == ReturnCode.INCORRECT_VALUE
    return err.value.message


def test_every_state_has_its_moves_and_final_states_have_none():
    assert set(LEGAL) == set(Unified)
    assert all(not LEGAL[s] for s in (U.REFUNDED, U.DECLINED, U.CANCELED))
    assert U.APPROVED in LEGAL[U.REQUESTED] and U.REFUNDED in LEGAL[U.RECEIVED]


def test_legal_moves_answer_the_status_id():
    assert SHOP.check_move("1", "2") == "2"
    assert SHOP.check_move("2", "4") == "4"
    assert SHOP.check_move("2", "2") == "2"  # the same status is no move
    assert SHOP.check_move("2", None) is None


def test_a_move_the_model_forbids_is_refused_naming_the_param_and_both_states():
    message = _refused(lambda: SHOP.check_move("4", "1"))
    assert "'return_status_id'" in message and "'Refunded' (refunded)" in message
    assert "'Pending' (requested)" in message and "final" in message
    assert "approved" in _refused(lambda: SHOP.check_move("2", "1"))  # lists where it may go


def test_a_move_the_platform_refuses_carries_its_reason():
    message = _refused(lambda: SHOP.check_move("3", "2"))
    assert "Shop never reopens a closed return" in message
    # the same move is legal for a platform that does not refuse it
    assert ReturnStatuses("Other", SHOP.statuses).check_move("3", "2") == "2"


def test_statuses_are_named_by_id_name_or_unified_state():
    assert SHOP.resolve("approved") == "2" and SHOP.resolve("Refunded") == "4"
    assert SHOP.resolve(" 3 ") == "3"
    message = _refused(lambda: SHOP.resolve("9"))
    assert "'9'" in message and "1 (Pending: requested)" in message
    twice = ReturnStatuses("Two", {"1": ("New", U.REQUESTED), "2": ("Fresh", U.REQUESTED)})
    assert "requested" in _refused(lambda: twice.resolve("requested"))  # ambiguous


def test_new_returns_start_open_only():
    assert SHOP.check_new("1") == "1" and SHOP.check_new(None) is None
    message = _refused(lambda: SHOP.check_new("4"))
    assert "cannot be created as 'Refunded'" in message
    narrow = ReturnStatuses("Narrow", SHOP.statuses, initial=frozenset({U.REQUESTED}))
    assert "requested" in _refused(lambda: narrow.check_new("2"))


def test_an_undeclared_current_status_leaves_the_move_to_the_platform():
    assert SHOP.check_move("77", "1") == "1"
    assert SHOP.state("77") is None and SHOP.state(2) == U.APPROVED


def test_names_read_as_states_and_merchant_tables():
    assert guess("Awaiting Products") == U.APPROVED and guess("Return denied") == U.DECLINED
    assert guess("Complete") == U.CLOSED and guess(" CANCELLED ") == U.CANCELED
    assert guess("Something else") is None
    oc = from_names("OpenCart", [(1, "Pending"), (2, "Awaiting Products"), (3, "Complete"),
                                 (4, "Awaiting inspection")])
    assert {i: s for i, (_, s) in oc.statuses.items()} == {
        "1": U.REQUESTED, "2": U.APPROVED, "3": U.CLOSED, "4": U.REQUESTED}


def test_listed_and_status_parts_carry_the_unified_state():
    assert SHOP.answer()["return_statuses"][0] == {
        "id": "1", "name": "Pending", "additional_fields": {"unified_status": "requested"}}
    assert SHOP.status(2) == {"id": "2", "name": "Approved",
                              "additional_fields": {"unified_status": "approved"}}
    assert SHOP.status(9, "Cancelled")["additional_fields"] == {"unified_status": "canceled"}
    assert SHOP.status(9, "Mine")["additional_fields"] == {}


def test_lines_are_read_and_checked():
    got = lines([{"order_product_id": 7, "order_product_quantity": "2",
                  "order_product_reason_id": 3}])
    assert got == [ReturnLine("7", 2, "3")]
    with pytest.raises(ApiError) as err:
        lines([])
    assert err.value.code == ReturnCode.REQUIRED_PARAM_MISSING
    with pytest.raises(ApiError) as err:
        lines([{"order_product_id": "7", "order_product_quantity": 1.5}])
    assert "order_products[0][order_product_quantity]" in err.value.message
    with pytest.raises(ApiError) as err:
        lines([{"order_product_quantity": 1}])
    assert "order_products[0][order_product_id]" in err.value.message


def test_nothing_is_returned_beyond_what_was_bought():
    ordered = {"7": 2.0, "8": 1.0}
    check_returnable([ReturnLine("7", 1), ReturnLine("7", 1)], ordered, {})
    with pytest.raises(ApiError) as err:
        check_returnable([ReturnLine("8", 1)], ordered, {"8": 1.0})
    assert err.value.code == ReturnCode.PLATFORM_ERROR
    assert err.value.message == ("Unable to return order product with id = '8'. Product has "
                                 "already been returned.")
    with pytest.raises(ApiError) as err:
        check_returnable([ReturnLine("7", 2)], ordered, {"7": 1.0})
    assert "Only 1 of it" in err.value.message
    with pytest.raises(ApiError) as err:
        check_returnable([ReturnLine("9", 1)], ordered, {})
    assert err.value.code == ReturnCode.NOT_FOUND


# -- the declared methods, over a store kept in memory ------------------------------------------
class MemoryReturns:
    """A platform's returns in a dict: order 1 bought 2 of line "7"."""

    def __init__(self) -> None:
        self.returns: dict[str, dict] = {}
        self.writes = 0

    async def statuses(self) -> ReturnStatuses:
        return SHOP

    async def ordered(self, order_id):
        if order_id != "1":
            raise ApiError.not_found("Order", order_id)
        taken: dict[str, float] = {}
        for r in self.returns.values():
            for line in r["lines"]:
                taken[line.order_product_id] = taken.get(line.order_product_id, 0) + line.quantity
        return {"7": 2.0}, taken

    async def current(self, call):
        found = self.returns.get(str(call.params["return_id"]))
        if found is None:
            raise ApiError.not_found("Return", call.params["return_id"])
        return found["status"]

    async def create(self, call, lines, status_id):
        self.writes += 1
        rid = str(len(self.returns) + 1)
        self.returns[rid] = {"lines": lines, "status": status_id or "1"}
        return rid

    async def update(self, call, status_id):
        self.writes += 1
        if status_id:
            self.returns[str(call.params["return_id"])]["status"] = status_id

    async def delete(self, call):
        self.writes += 1
        del self.returns[str(call.params["return_id"])]


def _call(method: str, **params) -> Call:
    return Call(method, params)


async def test_declared_methods_check_everything_before_writing():
    store = MemoryReturns()
    declared = ReturnMethods(lambda _: store, {
        "order.return.add": frozenset({"order_products", "return_status_id"}),
        "order.return.update": frozenset({"return_status_id"})})
    methods = declared.methods()
    assert set(methods) == {"order.return.add", "order.return.update"}  # delete left out
    assert methods["order.return.add"][1] == {"order_id", "order_products", "return_status_id"}
    add, update = methods["order.return.add"][0], methods["order.return.update"][0]
    line = [{"order_product_id": "7", "order_product_quantity": 1}]

    made = await add(None, _call("order.return.add", order_id="1", order_products=line))
    assert made == {"return_id": "1"} and store.writes == 1
    for params, code in (({"order_id": "1", "order_products": line, "return_status_id": "4"},
                          ReturnCode.INCORRECT_VALUE),  # cannot start refunded
                         ({"order_id": "2", "order_products": line}, ReturnCode.NOT_FOUND),
                         ({"order_id": "1", "order_products": [{**line[0], "order_product_quantity": 2}]},
                          ReturnCode.PLATFORM_ERROR)):  # one of the two is returned already
        with pytest.raises(ApiError) as err:
            await add(None, _call("order.return.add", **params))
        assert err.value.code == code
    assert store.writes == 1

    assert await update(None, _call("order.return.update", return_id="1",
                                    return_status_id="refunded")) == {"updated_items": 1}
    with pytest.raises(ApiError) as err:
        await update(None, _call("order.return.update", return_id="1", return_status_id="2"))
    assert "'Refunded' (refunded)" in err.value.message
    assert store.returns["1"]["status"] == "4" and store.writes == 2


class KeptReturns(RecordReturns):
    """Returns kept by id, each of an order; an order may also be named ``#<id>``."""

    status_key = "state"

    async def found(self, ident):
        return {"5": {"state": "2", "order_id": "1"}}.get(ident)

    async def of_order(self, rma, order_id):
        return await super().of_order(rma, order_id.lstrip("#"))


async def test_the_current_return_is_the_one_named_in_the_order_named():
    store = KeptReturns(None)
    assert await store.current(_call("order.return.update", return_id="5")) == "2"
    assert store.rma == {"state": "2", "order_id": "1"}
    for order_id in ("1", "#1", ""):
        fresh = KeptReturns(None)
        assert await fresh.current(_call("order.return.update", return_id="5",
                                         order_id=order_id)) == "2"
    for params in ({"return_id": "6"}, {"return_id": "6", "order_id": "1"},
                   {"return_id": "5", "order_id": "2"}):
        fresh = KeptReturns(None)
        with pytest.raises(ApiError) as err:
            await fresh.current(_call("order.return.update", **params))
        assert (err.value.code, err.value.message) == (
            ReturnCode.NOT_FOUND, f"Return with id {params['return_id']} not found")
        assert fresh.rma == {}  # nothing kept of a return refused


async def test_final_returns_refuse_every_update():
    final = FinalReturns("Shop", "a refund cannot change")
    run, applied = final.methods()["order.return.update"]
    assert applied == {"return_id", "order_id", "order_products", "return_status_id"}
    with pytest.raises(ApiError) as err:
        await run(None, _call("order.return.update", return_id="1", return_status_id="x"))
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "a refund cannot change" in err.value.message
    with pytest.raises(ApiError) as err:
        await run(None, _call("order.return.update", return_id="1"))
    assert err.value.code == ReturnCode.METHOD_NOT_SUPPORTED
