"""WooCommerce through its REST API v3 (``WoocommerceApi``): connector, simulator, native webhooks."""
