"""A self-contained API docs page (no CDN): methods with their full descriptions, parameters,
sandbox examples, the platform x method support matrix and the return codes.

The page works without JavaScript; a small inline script only adds the live search filter
(on method names and descriptions, not on parameters or examples).
"""

from __future__ import annotations

import json
import re
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from anycart.contract.catalogue import Catalogue, Operation
from anycart.errors import DESCRIPTIONS
from anycart.http.support import SupportMatrix

#: Request/answer pairs recorded against the sandbox stores by ``tools/build_examples.py``.
EXAMPLES_FILE = Path(__file__).with_name("examples.json")

# The contract's descriptions carry a little inline markup; these tags (without attributes)
# are kept, everything else is shown escaped.
_INLINE = re.compile(r"&lt;(/?)(strong|b|em|i|code|br|p|ul|ol|li)\s*/?&gt;")


@cache
def load_examples() -> dict[str, dict[str, Any]]:
    if not EXAMPLES_FILE.exists():
        return {}
    examples: dict[str, dict[str, Any]] = json.loads(EXAMPLES_FILE.read_text())
    return examples


def _prose(text: str | None) -> str:
    return _INLINE.sub(r"<\1\2>", escape(text or ""))


def _params(op: Operation) -> str:
    rows = [f"<tr><td><code>{escape(p.name)}</code>{'*' if p.required else ''}</td>"
            f"<td>{escape(p.type)}</td><td>{_prose(p.description)}</td></tr>" for p in op.params]
    if op.body:
        required = set(op.body.get("required", []))
        rows += [f"<tr><td>body <code>{escape(k)}</code>{'*' if k in required else ''}</td>"
                 f"<td>{escape(str(v.get('type', 'object')))}</td>"
                 f"<td>{_prose(v.get('description'))}</td></tr>"
                 for k, v in op.body.get("properties", {}).items()]
    if not rows:
        return ""
    return (f"<details><summary>{len(rows)} parameter{'' if len(rows) == 1 else 's'}</summary><table class='p'>"
            f"<tr><th>name</th><th>type</th><th>description</th></tr>{''.join(rows)}</table>"
            "</details>")


def _example(example: dict[str, Any] | None) -> str:
    if not example:
        return ""
    request = json.dumps(example["request"], indent=2, ensure_ascii=False)
    answer = json.dumps(example["response"], indent=2, ensure_ascii=False)
    return (f"<details class='ex'><summary>example (sandbox {escape(example['platform'])})"
            f"</summary><p>Request</p><pre>{escape(request)}</pre>"
            f"<p>Answer</p><pre>{escape(answer)}</pre></details>")


def _platforms(op: Operation, matrix: SupportMatrix | None) -> str:
    if matrix is None:
        return ""
    if op.name in matrix.common:
        return "<p class='s'>Served on every platform.</p>"
    names = [name for cart_id, name in matrix.platforms if matrix.serves(cart_id, op.name)]
    if not names:
        return "<p class='s'>Not served on any platform yet (120).</p>"
    return f"<p class='s'>Served on: {escape(', '.join(names))}.</p>"


def _matrix(matrix: SupportMatrix | None) -> str:
    if matrix is None:
        return ""
    head = "".join(f"<th>{escape(name)}<br><code>{escape(cart_id)}</code></th>"
                   for cart_id, name in matrix.platforms)
    rows = "".join(
        f"<tr><td><a href='#{escape(m)}'><code>{escape(m)}</code></a></td>"
        + "".join("<td>✓</td>" if cart_id in carts else "<td></td>"
                  for cart_id, _ in matrix.platforms) + "</tr>"
        for m, carts in matrix.served.items() if carts)
    return (f"<h2 id='support'>Platform support</h2><p>{len(matrix.common)} methods (accounts, "
            "stores, webhooks, batches, bridge) are answered by AnyCart itself on every platform. "
            "The others are served where the platform's connector implements them (✓); "
            "elsewhere the call is answered with return code 120.</p>"
            f"<table id='matrix'><tr><th>method</th>{head}</tr>{rows}</table>")


_SEARCH = """<script>
(function(){var q=document.getElementById('q');
document.getElementById('search').hidden=false;
q.addEventListener('input',function(){var t=q.value.toLowerCase(),n=0;
document.querySelectorAll('#methods tr.m').forEach(function(r){
var text=r.cells[0].textContent+' '+r.querySelector('.d').textContent;
var show=!t||text.toLowerCase().indexOf(t)>=0;r.hidden=!show;if(show)n++;});
document.getElementById('found').textContent=t?n+' methods match':'';});})();
</script>"""


def render_docs(catalogue: Catalogue, matrix: SupportMatrix | None = None,
                examples: dict[str, dict[str, Any]] | None = None) -> str:
    examples = load_examples() if examples is None else examples
    rows = [f"<tr class='m' id='{escape(op.name)}'><td><b>{escape(op.name)}</b><br>"
            f"{op.http_method} <code>/v1.1{escape(op.path)}</code></td>"
            f"<td><div class='d'>{_prose(op.description)}</div>{_platforms(op, matrix)}{_params(op)}"
            f"{_example(examples.get(op.name))}</td></tr>"
            for op in catalogue]
    codes = "".join(f"<tr><td>{int(c)}</td><td>{escape(text)}</td></tr>"
                    for c, text in DESCRIPTIONS.items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AnyCart API</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
body{{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}}
table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #ddd;padding:.3rem;vertical-align:top}}
table.p,p.s{{font-size:.85rem}}code{{background:#f4f4f4}}pre{{background:#f4f4f4;overflow:auto;
max-height:24rem;font-size:.8rem}}#matrix td{{text-align:center}}#matrix td:first-child{{text-align:left}}
input[type=search]{{font-size:1rem;padding:.3rem;width:min(30rem,100%)}}
</style></head><body>
<h1>AnyCart API</h1>
<p>{len(catalogue)} methods. AnyCart is self-hosted and speaks the API2Cart v1.1 wire contract,
so API2Cart clients and SDKs work against it unchanged. Authenticate with
<code>api_key</code> and <code>store_key</code> (query) or <code>x-api-key</code> /
<code>x-store-key</code> (headers); the keys are those of your AnyCart account and its stores.
Machine-readable: <a href="/openapi.json">/openapi.json</a>. Parameters marked * are required.
Contents: <a href="#methods">methods</a>, <a href="#support">platform support</a>,
<a href="#return-codes">return codes</a>.</p>
<h2>Methods</h2>
<p id="search" hidden><label for="q">Search methods</label>
<input type="search" id="q" placeholder="name or description, e.g. order.list or refund">
<output id="found" aria-live="polite"></output></p>
<table id="methods"><tr><th>method</th><th>description</th></tr>
{''.join(rows)}</table>
{_matrix(matrix)}
<h2>Return codes</h2><p>Errors come with HTTP 200 and a non-zero <code>return_code</code>.</p>
<table id="return-codes"><tr><th>code</th><th>meaning</th></tr>{codes}</table>
{_SEARCH}</body></html>"""
