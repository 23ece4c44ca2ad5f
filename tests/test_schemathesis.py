"""schemathesis against the served OpenAPI: generated requests for every operation, no 5xx.

Runs against a real gateway (SQLite, the in-process test platform) with valid keys, so the
generated parameters reach validation and the connector, not just the auth check.
"""

from __future__ import annotations

import tempfile

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from anycart.config import Settings
from anycart.http.app import create_app
from tests.conftest import make_services
from tests.memory_platform import TEST_KEY, TEST_URL, seed_shop

_services = make_services(Settings(data_dir=tempfile.mkdtemp(prefix="anycart-schemathesis-")))
seed_shop()
_account, API_KEY = _services.repo.create_account("schemathesis")
STORE_KEY = _services.repo.add_store(_account.id, "PrestashopApi", TEST_URL, "memory",
                                     {"store_url": TEST_URL, "prestashop_webservice_key": TEST_KEY}).store_key
APP = create_app(_services)

schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_error(case):
    case.call_and_validate(headers={"x-api-key": API_KEY, "x-store-key": STORE_KEY},
                           checks=[not_a_server_error])
