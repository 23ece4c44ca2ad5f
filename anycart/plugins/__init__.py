"""The plugin builder: one-click connector plugins for bridge carts (WooCommerce, OpenCart,
PrestaShop). A plugin carries bridge.php; its "Connect" button installs ``bridge2cart/`` with
fresh store keys and sends them to the vendor's callback URL, RSA-OAEP encrypted (see
docs/plugins.md)."""
