"""The connect callback a connector plugin sends (API2Cart's Plugin Builder format): its
RSA-OAEP chunked encryption and timestamp checks (:mod:`.callback`), the vendor's key pair
(:mod:`.keys`) and the one error they raise (:mod:`.errors`). Kept apart from
:mod:`anycart.plugins`, which builds the packages and adds stores, because the SDK reads
callbacks too and sits below the services."""
