from tests.bridge.mariadb import mariadb  # noqa: F401  (session fixture for every bridge test)
