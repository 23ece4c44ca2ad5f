"""A child process for test_export.py: connects a sandbox store in DATA_DIR, prints the keys,
then exports PRODUCTS products to OUT until it is killed."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from anycart.export.cli import export_in_process
from tests.export.conftest import make_env


async def main(data_dir: Path, products: int, fmt: str, out: Path) -> None:
    env = await make_env(data_dir, products)
    print(json.dumps([env.api_key, env.store_key]), flush=True)
    await export_in_process(env.services, "product", env.store_key, env.api_key, fmt, out,
                            None, False, None)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], Path(sys.argv[4])))
