"""Alembic environment: uses the connection handed in by ``Database.migrate`` when there is one."""

from alembic import context
from sqlalchemy import create_engine

from anycart.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:  # run outside AnyCart (plain ``alembic upgrade``) without a database URL
        raise RuntimeError("alembic: set sqlalchemy.url (or run migrations through anycart)")
    engine = create_engine(url)
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=target_metadata,
                          render_as_batch=conn.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()


run()
