"""stores.disconnected_at: when the store's connector plugin was uninstalled (its bridge
removed); cleared when it connects again

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("stores", sa.Column("disconnected_at", sa.DateTime(timezone=True),
                                      nullable=True))


def downgrade() -> None:
    op.drop_column("stores", "disconnected_at")
