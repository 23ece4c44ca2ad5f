"""A connector made of declarations: :class:`KitConnector` + :func:`declare`.

A platform's connector lists its :class:`~anycart.platforms.kit.entities.Entity`
declarations in ``entities`` and says how to reach one entity's records (:meth:`backend`).
:func:`declare` then gives the class one coroutine per declared contract method
(``product_list`` ...) that runs the declaration, leaves any method written out by hand in
place (the hook for what a declaration cannot say), and guards every served method with the
parameters it applies (``APPLIED``): a contract parameter outside them is 109 naming it.

Five hooks are declarations too: ``contexts`` (the named lists, :class:`~.named.Named`, that
mapping an entity's records needs: order status names), ``related`` (records of other paths
a page names by id, :class:`~.related.Related`: an order's buyer), ``by_name`` (parameters that name
such a record by name or id, which the platform takes as ids), ``links`` (records a write
links by name, :class:`~.keys.LinkBy`) and ``hooks`` (native webhook subscriptions,
:class:`~.subscribe.Subscriptions`).
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Iterable, Mapping
from typing import Any, ClassVar, TypeVar

from anycart.platforms.applied import Nested, guard
from anycart.platforms.base import Call, Connector
from anycart.platforms.overlap import split_all
from anycart.transport import fanout

from . import fields as F
from .entities import Backend, Entity, Runner, served
from .keys import LinkBy
from .named import Named
from .related import Related, load
from .subscribe import Subscriptions


class KitConnector(Connector):
    #: The platform's name in 109/107 messages.
    cart: ClassVar[str]
    entities: ClassVar[tuple[Entity, ...]] = ()
    #: Parameters each hand-written method applies (methods no entity declares, or a
    #: declared one written out by hand that applies others).
    handwritten: ClassVar[Mapping[str, frozenset[str]]] = {}
    #: Values meaning "what the platform does anyway" (``store_id`` 1 of a one-shop store).
    same_as_default: ClassVar[Mapping[str, set[str]]] = {}
    #: Keys applied inside list-of-objects parameters, per method (``applied.refuse_nested``).
    nested: ClassVar[Mapping[str, Mapping[str, Nested]]] = {}
    #: Contract method -> the parameters it applies (set by :func:`declare`).
    APPLIED: ClassVar[dict[str, frozenset[str]]] = {}
    #: The runner of the declarations (a subclass for a platform's own paging, kit.idlist).
    runner_class: ClassVar[type[Runner]] = Runner
    #: Entity -> the connector method finding the record a call names when that is not
    #: only its id (``{"order": "order"}``: by id or order number), 112 for none.
    resolvers: ClassVar[Mapping[str, str]] = {}
    #: Entity -> context key -> (a named list, the record path naming one of it): the
    #: names of those the records name, read through :meth:`read_named`, in the context.
    #: A path of None: the whole list, whatever the records name (each record is read
    #: against all of it: customer groups' price levels).
    contexts: ClassVar[Mapping[str, Mapping[str, tuple[Named, str | None]]]] = {}
    #: Entity -> records of other paths its records name by id, read once a page into the
    #: context through :meth:`read_related` (:mod:`.related`).
    related: ClassVar[Mapping[str, tuple[Related, ...]]] = {}
    #: Entity -> contract parameter -> the named list its values (a name or an id, comma
    #: separated) are of: the call goes on with their ids (109 for an unknown one).
    by_name: ClassVar[Mapping[str, Mapping[str, Named]]] = {}
    #: Entity -> the records its writes link by name (:class:`~.keys.LinkBy`).
    links: ClassVar[Mapping[str, tuple[LinkBy, ...]]] = {}
    #: The platform's native webhook subscriptions (``subscribe_native``), if it pushes.
    hooks: ClassVar[Subscriptions | None] = None
    #: What ``account.cart.add`` reads to prove the credentials work (a path and its query,
    #: of the client in ``probe_client``): a cheap read any key serving the store may make.
    probe: ClassVar[tuple[str, Mapping[str, Any]] | None] = None
    probe_client: ClassVar[str] = "rest"
    #: The call being served (recorded by every method :func:`declare` guards; a connector
    #: serves one request): what scopes each platform request of a call, such as
    #: PrestaShop's language and shop, is read from it.
    call: Call | None = None

    def backend(self, entity: Entity) -> Backend:
        raise NotImplementedError

    async def check_connection(self) -> None:
        """The declared ``probe`` read (its error in the contract's envelope)."""
        if self.probe is None:
            raise NotImplementedError
        path, query = self.probe
        await getattr(self, self.probe_client).get_json(path, params=dict(query) or None)

    async def subscribe_native(self, entity: str, action: str, address: str) -> None:
        """Through the declared ``hooks``; an event the platform does not push (one it is
        polled for only) subscribes nothing."""
        if self.hooks is None:
            raise NotImplementedError
        if self.hooks.pushes(entity, action):
            await self.hooks.subscribe(getattr(self, self.hooks.client), self.store.credentials,
                                       entity, action, address)

    async def read_named(self, path: str) -> Iterable[dict[str, Any]]:
        """The records of a named list (``contexts``, ``by_name``): the whole list at
        ``path``, read as an entity's records are."""
        return await self.records(path).read({})

    def records(self, path: str, label: str | None = None) -> Backend:
        """The backend of records at ``path`` that no entity declares (a named list, the
        records others refer to)."""
        return self.backend(Entity(name=path, label=label or path, path=path, id_field="",
                                   verbs=()))

    async def read_related(self, path: str, query: dict[str, Any]) -> Iterable[dict[str, Any]]:
        """The records of ``path`` a :class:`~.related.Related` query names."""
        return await self.records(path).read(query)

    async def context(self, entity: Entity, records: list[dict[str, Any]]) -> Mapping[str, Any]:
        """What mapping ``records`` needs beside them: the ``contexts`` declared, read within
        the store's bound on requests at once (:meth:`gather`), as the records were, and the
        ``related`` records they name."""
        out: dict[str, Any] = dict(await load(self.related.get(entity.name, ()), records,
                                              self.read_related))
        for key, (named, path) in self.contexts.get(entity.name, {}).items():
            wanted = set() if path is None else {str(v) for r in records if (v := F.get(r, path))}
            if path is None or wanted:  # 0: names none
                out[key] = (await self.gather([named.names(self, self.read_named, wanted)]))[0]
        return out

    async def complete(self, entity: Entity, call: Call, body: dict[str, Any]) -> dict[str, Any]:
        """A write body (add, update) finished with what needs the platform: the ``links``
        declared (a maker's name as its id...)."""
        for link in self.links.get(entity.name, ()):
            if link.unless is None or not call.params.get(link.unless):
                body = await self._link(link, call, body)
        return body

    async def _link(self, link: LinkBy, call: Call, body: dict[str, Any]) -> dict[str, Any]:
        records = self.backend(self.entity(link.entity))

        async def found(name: str) -> list[dict[str, Any]]:
            return await records.read({link.search: name})

        async def create(name: str) -> str:
            made: dict[str, Any] = {}
            F.put(made, link.ref.name_path, name)
            return await records.create(made)

        return await link.ref.link(body, call.params, found, create if link.create else None)

    async def prepare(self, entity: Entity, call: Call) -> Call:
        """A call's parameters as the declaration takes them: the ``by_name`` ones as ids."""
        given = {p: n for p, n in self.by_name.get(entity.name, {}).items() if call.params.get(p)}
        if not given:
            return call
        params = dict(call.params)
        for param, named in given.items():
            names = await named.names(self, self.read_named)
            params[param] = ",".join(named.id_of(names, v, param) for v in split_all(params, param))
        return Call(call.method, params, call.start, call.count, call.extra)

    def runner(self, entity: Entity | str) -> Runner:
        """The runner of ``entity`` (or of the entity named so) on this store."""
        e = entity if isinstance(entity, Entity) else self.entity(entity)

        async def context(records: list[dict[str, Any]]) -> Mapping[str, Any]:
            return await self.context(e, records)

        async def prepare(call: Call) -> Call:
            return await self.prepare(e, call)

        async def complete(call: Call, body: dict[str, Any]) -> dict[str, Any]:
            return await self.complete(e, call, body)

        resolve = getattr(self, self.resolvers[e.name]) if e.name in self.resolvers else None
        return self.runner_class(e, self.backend(e), cart=self.cart, context=context,
                                 prepare=prepare, same_as_default=self.same_as_default,
                                 gather=self.gather, complete=complete, resolve=resolve)

    def gather(self, aws: Iterable[Awaitable[Any]]) -> Awaitable[list[Any]]:
        """Several platform requests, a few at a time per store (``transport.fanout``)."""
        return fanout.gather(self.store.store_key, aws)

    @classmethod
    def entity(cls, name: str) -> Entity:
        return next(e for e in cls.entities if e.name == name)


def _generated(entity: Entity, verb: str) -> Any:
    async def handler(self: KitConnector, call: Call) -> Any:
        return await getattr(self.runner(entity), verb)(call)

    handler.__name__ = handler.__qualname__ = entity.method(verb).replace(".", "_")
    handler.__doc__ = f"{entity.method(verb)}, run from the {entity.name} declaration."
    return handler


K = TypeVar("K", bound=type[KitConnector])


def declare(cls: K) -> K:
    """Generate ``cls``'s declared methods (hand-written ones stay) and guard them all."""
    applied: dict[str, frozenset[str]] = {}
    for method, (entity, verb) in served(cls.entities).items():
        attr = method.replace(".", "_")
        if attr not in vars(cls):
            setattr(cls, attr, _generated(entity, verb))
        applied[method] = entity.applied(verb)
    applied.update(cls.handwritten)
    cls.APPLIED = applied
    guard(cls, applied, cls.cart, cls.same_as_default, cls.nested)
    for method in applied:
        attr = method.replace(".", "_")
        setattr(cls, attr, _recording(getattr(cls, attr)))
    return cls


def _recording(fn: Any) -> Any:
    @functools.wraps(fn)
    async def recorded(self: KitConnector, call: Call) -> Any:
        self.call = call
        return await fn(self, call)
    return recorded
