"""API2Cart's recorded error cases (../shared/reference/a2c-recordings), and which are generic.

A case is one request API2Cart answered with a non-zero code, as it recorded both. *Generic*
cases are those whose rule does not depend on the marketplace the recording was made on, so
that API2Cart gives the same code on every platform:

- ``missing``: 114 naming a parameter the contract itself requires, or a request with no
  parameters at all (every platform requires something of an add or an info);
- ``empty``: 109 "The value of parameter 'x' can not be empty.";
- ``type``: 109 naming a contract parameter and a type the contract gives it (integer,
  decimal, date);
- ``enum``: 109 listing the values allowed for a contract parameter whose values are not a
  marketplace's own: the contract's enum, or the fields a ``find_where`` searches (Bol's
  one order status, eBay's ``ebay_order_status``, Bricklink's product types and Facebook's
  conditions are each one marketplace's lists);
- ``not_found``: 112 for an id (or a search) that matches nothing on the store.

Cases come with API2Cart's answer (``.response.json``), or, where the recording kept only the
request, with the code its ``.covers.json`` description states ("missing required id => 114
NO_PARAM"): those are compared by code only (``message`` is None).

Everything else (Bol's delivery codes, eBay's 90-day window, Walmart's brand_name, ...) is a
marketplace's own rule: replayed all the same, counted in ``code_match``, not in the generic one.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anycart.contract.catalogue import Operation, load_catalogue

SHARED = Path(os.environ.get("ANYCART_SHARED_DIR", Path(__file__).resolve().parents[3] / "shared"))
RECORDINGS = SHARED / "reference" / "a2c-recordings"

_NAMED = re.compile(r"[Pp]arameter '([\w\[\]]+)'")
_TYPED = re.compile(r"The required type of parameter is (unsigned integer|integer|decimal|a date)")
#: Lookups of a marketplace's own catalogue (Bol's EAN catalogue, Bricklink's colours, Bol's
#: live return statuses): not an id of the store's own entities.
_MARKETPLACE_LOOKUP = re.compile(r"EAN|^Color |^Return status")


#: Parameters whose allowed values are the method's own fields, whatever the platform.
_FIELD_NAMES = frozenset({"find_where"})


#: Cases about a state of the store's own records under a rule every cart that keeps such
#: records enforces, not about a marketplace: the replay puts a record of the store in that
#: state and names it in place of the marketplace's id (``stores.Store.prepared``):
#:
#: - ``running_job``: a batch job of the store not processed yet (``batch.job.result`` 12);
#: - ``shipped_order``: an order whose lines are all shipped (another shipment is 113 where
#:   the cart counts what each line shipped), its first line for any ``items`` named;
#: - ``order_line``: an order with a line of fewer than the quantity the case ships (107).
#:
#: A marketplace's own rule (Bol's one tracking number, eBay's 90 days) is never listed.
NEEDS: dict[str, str] = {
    "AmazonSP/batch/job.result/error-job-in-progress": "running_job",
    "Bol/order/shipment.add/error-all-items-shipped": "shipped_order",
    "Walmart/order/shipment.add/error-all-items-already-shipped": "shipped_order",
    "Bol/order/shipment.add/error-quantity-over-available": "order_line",
}


@dataclass(frozen=True)
class Case:
    id: str                      # Integration/entity/method/case, as the files are named
    method: str                  # contract method: product.add
    verb: str
    query: dict[str, Any] = field(default_factory=dict)
    body: dict[str, Any] | None = None
    code: int = 0                # API2Cart's answer
    message: str | None = None   # None: only the code is known (stated in .covers.json)

    @property
    def sent(self) -> dict[str, Any]:
        return self.body if self.body is not None else self.query

    @property
    def needs(self) -> str | None:
        """The state of the store's own records the case is about (:data:`NEEDS`)."""
        return NEEDS.get(self.id)

    @property
    def kind(self) -> str | None:
        """The generic rule this case is about, or None for a marketplace's own rule."""
        return generic_kind(self, load_catalogue().get(self.method))


def _in_contract(op: Operation, name: str) -> dict[str, Any] | None:
    """The contract's description of parameter ``name`` of ``op`` (query or body), if any."""
    param = op.param(name)
    if param is not None:
        return {"type": param.type, "enum": param.enum, "required": param.required}
    props = (op.body or {}).get("properties") or {}
    if name in props:
        return {**props[name], "required": name in ((op.body or {}).get("required") or [])}
    return None


def generic_kind(case: Case, op: Operation | None) -> str | None:
    if op is None:
        return None
    if case.message is None:
        return _described_kind(case, op)
    named = _NAMED.search(case.message)
    contract = _in_contract(op, named.group(1)) if named else None
    if case.code == 114:
        if not case.sent or (contract is not None and contract["required"]):
            return "missing"
        return None
    if case.code == 112:
        return None if _MARKETPLACE_LOOKUP.search(case.message) else "not_found"
    if case.code != 109 or contract is None:
        return None
    if "can not be empty" in case.message:
        return "empty"
    if "values are allowed" in case.message:
        return "enum" if contract.get("enum") or (named and named.group(1) in _FIELD_NAMES) else None
    typed = _TYPED.search(case.message)
    if typed and (contract.get("type") in ("integer", "number")
                  or typed.group(1) == "a date"):
        return "type"
    return None


def _described_kind(case: Case, op: Operation) -> str | None:
    """The generic rule of a case known by its code only, read from its request: nothing
    sent (114), an empty id (109), a negative count the method takes (109), an id or search
    that finds nothing (112)."""
    sent = case.sent if isinstance(case.sent, dict) else {}
    if case.code == 114 and not sent:
        return "missing"
    if case.code == 112:
        return "not_found"
    if case.code == 109 and "" in sent.values():
        return "empty"
    if case.code == 109 and str(sent.get("count", "")).startswith("-") and op.param("count"):
        return "type"
    return None


#: A code a case's description states: "=> 114 NO_PARAM", "-> 109 PARAM_ERROR", "return_code 12".
_STATED = re.compile(r"(?:=>|->|return_code[ =])\s*(\d{1,3})\b")


def load_cases(root: Path = RECORDINGS) -> list[Case]:
    """Every recorded error case with its request and API2Cart's answer, then those whose
    answer was not kept but whose code the integration's ``.covers.json`` states."""
    return _answered(root) + _described(root)


def _request(file: Path) -> dict[str, Any]:
    request: dict[str, Any] = json.loads(file.read_text())
    return request


def _described(root: Path) -> list[Case]:
    cases = []
    for covers in sorted(root.glob("*/.covers.json")):
        for name, cover in json.loads(covers.read_text()).items():
            base = covers.parent / name
            request_file = base.with_name(base.name + ".request.json")
            stated = _STATED.search(cover.get("description", ""))
            if (not base.name.startswith("error-") or not stated or not request_file.exists()
                    or base.with_name(base.name + ".response.json").exists()):
                continue
            request = _request(request_file)
            cases.append(Case(
                id=str(base.relative_to(root)), method=request["endpoint"].removesuffix(".json"),
                verb=request["method"], query=request.get("query") or {},
                body=request.get("body"), code=int(stated.group(1))))
    return cases


def _answered(root: Path) -> list[Case]:
    cases = []
    for answer_file in sorted(root.glob("*/*/*/error-*.response.json")):
        request_file = answer_file.with_name(answer_file.name.replace(".response.", ".request."))
        if not request_file.exists():
            continue
        request, answer = json.loads(request_file.read_text()), json.loads(answer_file.read_text())
        cases.append(Case(
            id=str(answer_file.relative_to(root)).removesuffix(".response.json"),
            method=request["endpoint"].removesuffix(".json"), verb=request["method"],
            query=request.get("query") or {}, body=request.get("body"),
            code=int(answer["return_code"]), message=answer["return_message"]))
    return cases
