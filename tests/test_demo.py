"""The README's first command: ``anycart demo`` serves Shift4Shop and Shopify sandboxes the SDK can list."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import httpx

import anycart
from tests.conftest import free_port


def test_anycart_demo_serves_a_sandbox_store(tmp_path):
    port = free_port()
    env = {**os.environ, "ANYCART_DATA_DIR": str(tmp_path), "COLUMNS": "300"}
    proc = subprocess.Popen([sys.executable, "-m", "anycart.cli", "demo", "--port", str(port),
                             "--products", "60"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env=env)
    try:
        output = ""
        deadline = time.monotonic() + 60
        while "docs:" not in output and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            output += line
        api_key = re.search(r"api_key:\s+(\w+)", output).group(1)
        store_key = re.search(r"store_key:\s+(\w+)", output).group(1)
        curl_url = re.search(r"curl -s '([^']+)'", output).group(1)
        base = f"http://127.0.0.1:{port}"
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{base}/healthz", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        answer = httpx.get(curl_url, timeout=10).json()
        assert answer["return_code"] == 0, answer
        assert len(answer["result"]["product"]) == 3
        with anycart.Client(base, api_key, store_key) as client:
            products = list(client.products(count=25))
        assert len(products) == 60
        assert all(p.u_sku for p in products)
        shopify_key = re.search(r"shopify_store_key:\s+(\w+)", output).group(1)
        with anycart.Client(base, api_key, shopify_key) as client:
            shopify_products = list(client.products(count=25))
        assert len(shopify_products) == 60 and all(p.name for p in shopify_products)
    finally:
        proc.terminate()
        proc.wait(10)
