"""``change_detection`` (issue 12, item 8): an AnyCart extension of webhook.create/update that
only polled platforms can honour; a platform that pushes its own webhooks refuses ``checksum``
with 109 naming the parameter. (Its effect on polling: tests/bridge/test_checksum_webhooks.py.)"""

from __future__ import annotations

from tests.webhooks.test_native_ingress import native  # noqa: F401  (a pushing platform)


async def test_a_pushing_platform_refuses_checksum(native, receiver):
    _, client, keys, _ = native
    hook = {"entity": "product", "action": "update", "callback": receiver.url + "/in"}
    refused = await client.post("/v1.1/webhook.create.json", params=keys,
                                json={**hook, "change_detection": "checksum"})
    assert refused.json()["return_code"] == 109, refused.json()
    assert "change_detection" in refused.json()["return_message"]
    made = await client.post("/v1.1/webhook.create.json", params=keys,
                             json={**hook, "change_detection": "modified_time"})
    assert made.json()["return_code"] == 0, made.json()
    listed = await client.get("/v1.1/webhook.list.json", params={**keys, "params": "force_all"})
    [entry] = listed.json()["result"]["webhook"]
    assert entry["additional_fields"]["change_detection"] == "modified_time"
