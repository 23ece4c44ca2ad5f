"""The documented return codes are the ones the code uses."""

from pathlib import Path

from anycart.errors import ReturnCode

ROOT = Path(__file__).resolve().parents[1]


def test_return_code_table_matches_the_code():
    text = (ROOT / "docs" / "return-codes.md").read_text()
    documented = {int(line.split("|")[1]) for line in text.splitlines()
                  if line.startswith("| ") and line.split("|")[1].strip().isdigit()}
    assert documented == {int(c) for c in ReturnCode}
