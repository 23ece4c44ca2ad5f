"""Product page and image addresses as the store's pages write them, under the store's URL
(``HTTP_SERVER``; images in ``image/``). A product page is ``index.php?route=product/product
&product_id=N`` (4.0.x: ``language=<code>`` before the id); with SEO URLs on, each query part
with an ``seo_url`` row is a path segment (startup/seo_url.php): 3.x ``/<keyword>``, 4.0.x
segments by ``sort_order`` (``/en-gb/product/<keyword>``), the rest left in the query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode


def base_url(store_url: str | None) -> str:
    text = str(store_url or "").strip()
    return text if text.endswith("/") else f"{text}/"


@dataclass(frozen=True)
class Storefront:
    base: str
    seo: bool = False
    #: 4.0.x: the language code the links carry (``en-gb``); None on 3.x.
    language: str | None = None
    #: 4.0.x: (key, value) -> (sort_order, keyword) of the ``route`` and ``language`` rows.
    segments: dict[tuple[str, str], tuple[int, str]] = field(default_factory=dict)

    def image(self, path: str) -> str:
        return f"{self.base}image/{path}"

    def product(self, product_id: str, keyword: str | None) -> str:
        language = [] if self.language is None else [("language", self.language)]
        parts = [("route", "product/product"), *language, ("product_id", str(product_id))]
        if self.seo and not language and keyword:  # 3.x: the keyword replaces the whole query
            return f"{self.base}{keyword}"
        if self.seo and language:  # 4.x: each part with a row is a segment, in their order
            known = {**self.segments, **({parts[-1]: (0, keyword)} if keyword else {})}
            found = sorted((known[p][0], n, known[p][1]) for n, p in enumerate(parts) if p in known)
            if found:
                rest = [p for p in parts if p not in known]
                query = f"?{urlencode(rest, safe='/')}" if rest else ""
                return f"{self.base.rstrip('/')}/{'/'.join(word for _, _, word in found)}{query}"
        return f"{self.base}index.php?{urlencode(parts, safe='/')}"
