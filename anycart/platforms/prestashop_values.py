"""PrestaShop's own values, read alike by its two ways in: the bridge's SQL driver
(:mod:`anycart.platforms.prestashop`, the shop's tables) and the webservice
(:mod:`anycart.platforms.prestashop_api`, ``/api``). One store model: a value means the same
whichever way it was read, so it is written down once, here.
"""

from __future__ import annotations

#: ``product.visibility`` <-> the contract's ``visible``.
VISIBILITY = {"everywhere": "both", "catalog": "catalog", "search": "search", "nowhere": "none"}
#: The contract's ``visible`` of a ``product.visibility``.
VISIBLE = {v: k for k, v in VISIBILITY.items()}
#: ``customer.id_gender`` of a fresh PrestaShop install (1 Mr, 2 Mrs).
GENDERS = {"1": "male", "2": "female"}


def image_path(id_image: int | str) -> str:
    """Where PrestaShop keeps an image file: ``img/p/1/2/3/123.jpg`` for image 123."""
    digits = "/".join(str(id_image))
    return f"img/p/{digits}/{id_image}.jpg"
