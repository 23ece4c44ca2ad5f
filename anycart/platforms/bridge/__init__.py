"""The bridge family: carts reached through ``bridge.php`` on the store's own server.

``protocol`` signs and encrypts requests, ``transport`` sends them, ``sqlkit`` is the query
toolkit the per-cart schema drivers (``opencart``, ``woocommerce``, ``prestashop``) share,
``connector`` is their common base.
"""
