"""PrestaShop customer writes: customers with their groups and address book, and deletes
as ``Customer::delete`` makes them.

Passwords are not written: PrestaShop keeps bcrypt hashes this side does not compute, so
``password`` is refused with 109 rather than silently dropped."""

from __future__ import annotations

from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.applied import explicit
from anycart.platforms.base import Call
from anycart.platforms.bridge.batch import update
from anycart.platforms.bridge.lookups import free, require
from anycart.platforms.bridge.sqlkit import InsertId, insert
from anycart.platforms.bridge.values import given_db_time, id_list, now_db, one_id

from . import deletes
from . import writes as W
from .entities import CUSTOMERS
from .shop import PrestaShopBase, no_password, secure_key


class CustomerWrites(PrestaShopBase):
    async def _email_free(self, p: dict[str, Any], but: int = 0) -> None:
        """113 when a registered customer (another than ``but``) has the e-mail given."""
        if email := W.CUSTOMER_ROWS.values(p)["customer"].get("email"):
            await free(self.db, "customer", "email", email, "Customer", but=but,
                       where=" AND deleted = 0 AND is_guest = 0 AND id_customer <> :but")

    async def _groups_of(self, p: dict[str, Any]) -> list[int] | None:
        ids = id_list(p, "group_ids") or id_list(p, "group_id")
        if ids is None and p.get("group") not in (None, ""):
            found = await self.db.select("SELECT id_group FROM {p}group_lang WHERE name = ? LIMIT 1",
                                         [str(p["group"])])
            if not found:
                raise ApiError.not_found("Customer group", p["group"], "name")
            ids = [int(found[0]["id_group"])]
        await require(self.db, "group", ids or [], "Customer group")
        return ids

    @staticmethod
    def _no_password(p: dict[str, Any]) -> None:
        if p.get("password") not in (None, ""):
            raise ApiError(ReturnCode.INCORRECT_VALUE, "Parameter 'password' is not supported:"
                           " PrestaShop keeps bcrypt hashes the bridge driver does not compute."
                           " The customer can set a password with 'Forgot your password?'.")

    async def customer_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        call.require("email")
        self._no_password(p)
        await self._email_free(p)
        shop = await self._shop(p)
        groups = await self._groups_of(p) or [await self._setting_int("PS_CUSTOMER_GROUP", 3)]
        stamp = given_db_time(p, "created_time") or now_db()
        statements = W.CUSTOMER_ROWS.add(p, {}, {"customer": {
            "id_shop": shop, "id_default_group": groups[0], "id_lang": await self._lang(p),
            "passwd": no_password(), "secure_key": secure_key(), "date_add": stamp,
            "date_upd": given_db_time(p, "modified_time") or stamp}})
        statements += W.CUSTOMER_GROUPS.rows(InsertId(0), groups)
        names = {**W.CUSTOMER_ROWS.main.defaults, **W.CUSTOMER_ROWS.values(p)["customer"]}
        for entry in p.get("address") or []:
            address = await self._address_columns(entry, "address_book_", names)
            statements.append(insert("address", {**address, "id_customer": InsertId(0)}))
        written = await self.db.write(statements)
        return {"customer_id": str(written[0].insert_id)}

    async def customer_update(self, call: Call) -> dict[str, Any]:
        p = explicit(call)
        cid = one_id(call.require("id"), "Customer")
        await CUSTOMERS.row(self, cid, {})
        self._no_password(p)
        await self._email_free(p, cid)
        groups = await self._groups_of(p)
        extra = {"customer": {"id_default_group": groups[0]}} if groups else {}
        statements = W.CUSTOMER_ROWS.must_update(cid, p, {}, extra)
        if groups:
            statements += W.CUSTOMER_GROUPS.replace(cid, groups)
        await self.db.write(statements)
        return {"updated_items": 1}

    async def customer_delete(self, call: Call) -> dict[str, Any]:
        """A customer with orders is kept as ``deleted = 1`` (the orders point at it and its
        addresses), the back office's "do not allow registration" mode; one without goes
        as Customer::delete removes it (:data:`.deletes.CUSTOMER`)."""
        cid = one_id(call.require("id"), "Customer")
        await CUSTOMERS.row(self, cid, {})
        if await self.db.select("SELECT 1 FROM {p}orders WHERE id_customer = ? LIMIT 1", [cid]):
            stamp = now_db()
            statements = [update(table, {**marks, "date_upd": stamp}, "id_customer = ?", cid)
                          for table, marks in (("customer", {"deleted": 1, "active": 0}),
                                               ("address", {"deleted": 1}))]
        else:
            statements, _ = await deletes.CUSTOMER.plan(self.db, id=cid)
        await self.db.write(statements)
        return {"delete_items": 1}

    async def customer_address_add(self, call: Call) -> dict[str, Any]:
        cid = one_id(call.require("customer_id"), "Customer")
        customer = await CUSTOMERS.row(self, cid, {})
        columns = await self._address_columns(call.params, "", customer)
        written = await self.db.write([
            insert("address", {**columns, "id_customer": cid}),
            CUSTOMERS.touch(cid)])
        return {"id": str(written[0].insert_id)}
