"""kit.dates: ISO 8601 timestamps read, contract date filters written (ISO 8601 in UTC)."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.kit.dates import ISO


def test_iso_reads_z_and_offsets_and_nothing_else():
    assert ISO.a2c("2024-05-06T07:08:09Z").value == "2024-05-06T07:08:09+0000"
    assert ISO.a2c("2024-05-06T07:08:09-04:00").value == "2024-05-06T07:08:09-0400"
    assert ISO.a2c(None) is None and ISO.a2c("") is None and ISO.a2c("yesterday") is None


def test_iso_filter_is_utc_and_109_names_the_filter():
    to_iso = ISO.filter("created_from")
    assert to_iso("2024-01-02T03:04:05+02:00") == "2024-01-02T01:04:05+00:00"
    assert to_iso("2024-01-02 03:04:05").startswith("2024-01-02T03:04:05")
    with pytest.raises(ApiError) as bad:
        to_iso("2024-13-45")
    assert bad.value.code == ReturnCode.INCORRECT_VALUE and "created_from" in bad.value.message
