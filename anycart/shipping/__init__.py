"""Live shipping rates (``basket.live_shipping_service.*``), as the API2Cart FAQ describes:
signed requests to a vendor's callback (:mod:`.signing`), the unified ``packages`` request and
its answer (:mod:`.models`), the failure rules (:mod:`.callback`), the per-service error count
(:mod:`.services`). Below the platforms: the contract methods and the rate flow are
:mod:`anycart.methods.shipping`, Shopify's own request :mod:`anycart.platforms.shopify.rates`."""
