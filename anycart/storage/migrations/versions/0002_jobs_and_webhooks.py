"""batch jobs, webhooks, the event outbox, deliveries and poll cursors

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _tz() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _fk(table: str) -> sa.ForeignKey:
    return sa.ForeignKey(f"{table}.id", ondelete="CASCADE")


def upgrade() -> None:
    op.add_column("accounts", sa.Column("webhook_secret", sa.LargeBinary, nullable=True))
    op.create_table(
        "batch_jobs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer, _fk("accounts"), nullable=False, index=True),
        sa.Column("store_id", sa.Integer, _fk("stores"), nullable=False),
        sa.Column("method", sa.String(80), nullable=False),
        sa.Column("status", sa.String(20), nullable=False, index=True),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("options", sa.JSON, nullable=False),
        sa.Column("results", sa.JSON, nullable=False),
        sa.Column("lease_until", _tz(), nullable=True),
        sa.Column("created_at", _tz(), nullable=False),
        sa.Column("processed_at", _tz(), nullable=True),
    )
    op.create_table(
        "webhooks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account_id", sa.Integer, _fk("accounts"), nullable=False, index=True),
        sa.Column("store_id", sa.Integer, _fk("stores"), nullable=False, index=True),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("callback", sa.String(2000), nullable=False),
        sa.Column("label", sa.String(200), nullable=True),
        sa.Column("fields", sa.String(2000), nullable=True),
        sa.Column("response_fields", sa.String(2000), nullable=True),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("platform_store_id", sa.String(64), nullable=True),
        sa.Column("lang_id", sa.String(64), nullable=True),
        sa.Column("filtering_conditions", sa.JSON, nullable=True),
        sa.Column("idempotency_key", sa.String(200), nullable=True),
        sa.Column("consecutive_failures", sa.Integer, nullable=False),
        sa.Column("created_at", _tz(), nullable=False),
        sa.Column("updated_at", _tz(), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("store_id", sa.Integer, _fk("stores"), nullable=False, index=True),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("occurred_at", _tz(), nullable=False),
    )
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.String(40), sa.ForeignKey("events.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("webhook_id", sa.Integer, _fk("webhooks"), nullable=False, index=True),
        sa.Column("account_id", sa.Integer, nullable=False, index=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", _tz(), nullable=False),
        sa.Column("lease_until", _tz(), nullable=True),
        sa.Column("last_error", sa.String(500), nullable=True),
        sa.Column("delivered_at", _tz(), nullable=True),
        sa.Column("failed_at", _tz(), nullable=True),
    )
    # The worker's claim query: due pending deliveries, oldest first.
    op.create_index("ix_deliveries_due", "deliveries", ["status", "next_attempt_at"])
    op.create_table(
        "poll_state",
        sa.Column("store_id", sa.Integer, _fk("stores"), primary_key=True),
        sa.Column("next_poll_at", _tz(), nullable=False),
        sa.Column("lease_until", _tz(), nullable=True),
        sa.Column("cursors", sa.JSON, nullable=False),
        sa.Column("last_error", sa.String(500), nullable=True),
    )


def downgrade() -> None:
    for table in ("poll_state", "deliveries", "events", "webhooks", "batch_jobs"):
        op.drop_table(table)
    op.drop_column("accounts", "webhook_secret")
