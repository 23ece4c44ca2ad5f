"""A self-contained API docs page (no CDN): methods, parameters and return codes."""

from __future__ import annotations

from html import escape

from anycart.contract.catalogue import Catalogue
from anycart.errors import DESCRIPTIONS


def render_docs(catalogue: Catalogue) -> str:
    rows = []
    for op in catalogue:
        params = ", ".join(
            f"<code>{escape(p.name)}</code>{'*' if p.required else ''}" for p in op.params)
        if op.body:
            required = set(op.body.get("required", []))
            params += (" body: " if params else "body: ") + ", ".join(
                f"<code>{escape(k)}</code>{'*' if k in required else ''}"
                for k in op.body.get("properties", {}))
        rows.append(f"<tr id='{escape(op.name)}'><td>{op.http_method}</td>"
                    f"<td><code>/v1.1{escape(op.path)}</code></td>"
                    f"<td>{escape(op.description or '')}</td><td class='p'>{params}</td></tr>")
    codes = "".join(f"<tr><td>{int(c)}</td><td>{escape(text)}</td></tr>"
                    for c, text in DESCRIPTIONS.items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AnyCart API</title>
<style>
body{{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}}
table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #ddd;padding:.3rem;vertical-align:top}}
td.p{{font-size:.8rem}}code{{background:#f4f4f4}}
</style></head><body>
<h1>AnyCart API</h1>
<p>{len(catalogue)} methods of the API2Cart v1.1 contract. Authenticate with
<code>api_key</code> and <code>store_key</code> (query) or <code>x-api-key</code> /
<code>x-store-key</code> (headers). Machine-readable: <a href="/openapi.json">/openapi.json</a>.
Parameters marked * are required.</p>
<h2>Return codes</h2><p>Errors come with HTTP 200 and a non-zero <code>return_code</code>.</p>
<table id="return-codes"><tr><th>code</th><th>meaning</th></tr>{codes}</table>
<h2>Methods</h2>
<table id="methods"><tr><th>HTTP</th><th>path</th><th>description</th><th>parameters</th></tr>
{''.join(rows)}</table></body></html>"""
