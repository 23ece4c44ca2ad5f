"""Webhooks: subscriptions, event sources (polling, native pushes), the outbox, signed delivery."""
