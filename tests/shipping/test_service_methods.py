"""The three live shipping methods, declared once for every platform that keeps services on the
store: what each applies reaches the drivers' guards, and an unknown id is 112."""

from anycart.errors import ReturnCode
from anycart.platforms.magento2_api import shipping_services as magento
from anycart.platforms.magento2_api.connector import MagentoConnector
from anycart.platforms.woocommerce import shipping_services as bridge
from anycart.platforms.woocommerce_api import shipping as woo_rest
from anycart.platforms.woocommerce_api.connector import WooConnector
from anycart.shipping.service_methods import APPLIED, CREATE, DELETE, LIST, not_found


def test_each_platform_serves_its_own_coroutines_under_the_one_declaration() -> None:
    served = magento.SERVICES.methods()
    assert {m: run for m, (run, _) in served.items()} == {
        CREATE: magento.create, LIST: magento.listed, DELETE: magento.delete}
    assert woo_rest.SERVICES.methods()[DELETE][0] is woo_rest.delete
    assert {m: names for m, (_, names) in served.items()} == APPLIED == bridge.APPLIED


def test_the_connectors_apply_exactly_the_declared_parameters() -> None:
    for connector in (MagentoConnector, WooConnector):
        for method, names in APPLIED.items():
            assert connector.APPLIED[method] == names, (connector, method)
    assert APPLIED[CREATE] == {"name", "callback"} and APPLIED[LIST] == {"start", "count"}


def test_an_unknown_id_is_112_naming_it() -> None:
    error = not_found("77")
    assert error.code == ReturnCode.NOT_FOUND == 112 and "77" in str(error)
