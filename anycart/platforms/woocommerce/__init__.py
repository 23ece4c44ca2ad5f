"""WooCommerce (on WordPress), reached through the bridge: a schema driver over WordPress's
posts/postmeta, terms, users/usermeta and WooCommerce's own tables (legacy and HPOS orders)."""
