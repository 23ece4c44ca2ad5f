"""Shopify: Admin REST connector, simulator, native webhooks."""
