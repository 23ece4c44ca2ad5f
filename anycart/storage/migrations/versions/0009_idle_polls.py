"""poll_state.idle_polls: polls in a row that saw no change (adaptive poll intervals)

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("poll_state", sa.Column("idle_polls", sa.Integer, nullable=False,
                                          server_default="0"))


def downgrade() -> None:
    op.drop_column("poll_state", "idle_polls")
