"""stores.ingress_id (the opaque id in a store's native-webhook ingress URL);
poll_state.failures (polls failed in a row, for connection-lost notices)

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("stores", sa.Column("ingress_id", sa.String(64), nullable=True))
    op.create_index("ix_stores_ingress_id", "stores", ["ingress_id"], unique=True)
    op.add_column("poll_state", sa.Column("failures", sa.Integer, nullable=False,
                                          server_default="0"))


def downgrade() -> None:
    op.drop_column("poll_state", "failures")
    op.drop_index("ix_stores_ingress_id", "stores")
    op.drop_column("stores", "ingress_id")
