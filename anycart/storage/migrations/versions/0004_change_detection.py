"""webhooks.change_detection: how polling finds a subscription's changes (NULL: by modification
time; ``checksum``: by diffing every record's hash, for stores edited without touching it)

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("webhooks", sa.Column("change_detection", sa.String(20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("webhooks") as batch:
        batch.drop_column("change_detection")
