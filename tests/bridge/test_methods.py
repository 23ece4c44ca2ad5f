"""bridge.methods: a payment/shipping method named in a call, matched to an installed one."""

from __future__ import annotations

from anycart.platforms.bridge.methods import made_code, match

_EXTENSIONS = [("bank_transfer", None), ("cod", None), ("flat", None), ("free", None)]


def test_a_method_is_found_by_its_code_title_words_or_initials():
    assert match("bank_transfer", _EXTENSIONS) == "bank_transfer"
    assert match("Bank Transfer", _EXTENSIONS) == "bank_transfer"
    assert match("Flat Shipping Rate", _EXTENSIONS) == "flat"
    assert match("Cash On Delivery", _EXTENSIONS) == "cod"
    assert match(" COD ", _EXTENSIONS) == "cod"


def test_titles_name_methods_too_and_the_code_wins_over_a_word():
    gateways = [("bacs", "Direct bank transfer"), ("cheque", "Check payments")]
    assert match("direct BANK transfer", gateways) == "bacs"
    assert match("Check payments", gateways) == "cheque"
    # an exact code or title is tried before any word of the text
    assert match("free flat", [("flat", None), ("free_flat", None)]) == "free_flat"


def test_nothing_matches_and_a_code_is_made_of_the_text():
    assert match("Pay by Crypto", _EXTENSIONS) is None
    assert match("   ", _EXTENSIONS) is None
    assert made_code("Pay by Crypto!") == "pay_by_crypto"
    assert made_code("Café Paiement") == "cafe_paiement"
    assert made_code("!!!", default="anycart") == "anycart"
