"""Live shipping rates (``basket.live_shipping_service.*``), as the API2Cart FAQ describes:
signed requests to a vendor's callback (:mod:`.signing`), the unified ``packages`` request and
its answer (:mod:`.models`), the failure rules (:mod:`.callback`), the per-service error count
(:mod:`.services`) and each store's native rate request translated (:mod:`.shopify`)."""
