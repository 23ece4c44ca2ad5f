"""The layers hold: every ``anycart`` package imports only packages below it.

Read as imports, the architecture's layers are (top first) the entry points, HTTP, the
worker, the wiring, the methods, webhooks, the platforms (and their simulator kit), then the
foundation: unified model, contract, storage and transport, which know nothing above them.
(The model sits below the platforms here because platforms build model objects; in the
architecture's diagram it stands between methods and platforms as data flowing through.)
Every import counts, lazy ones in functions too: a lazy import is a dependency all the same.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "anycart"

#: Top first. A package may import packages of lower layers only (none of its own layer).
LAYERS: list[set[str]] = [
    {"cli"},
    {"demo"},
    {"http"},
    {"dashboard"},
    {"plugins", "export"},
    {"worker"},
    {"services"},
    {"methods"},
    {"webhooks"},
    {"platforms"},
    {"sandbox"},
    {"sdk"},
    {"shipping"},
    {"model", "contract", "storage", "transport"},
    {"events", "concurrency", "redact", "connect"},
    {"errors", "config"},
]

#: Platform packages that are shared code, which no single platform's package may be.
SHARED_PLATFORM_PACKAGES = {"kit", "bridge"}


def _module_name(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, root: Path = ROOT) -> set[str]:
    found: set[str] = set()
    module = _module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the importing package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{a.name}" for a in node.names)
    return {name for name in found if name.startswith("anycart.")}


def _graph(level: int, root: Path = ROOT) -> dict[str, set[str]]:
    """Dependencies between module prefixes of ``level`` parts below ``anycart``."""
    graph: dict[str, set[str]] = defaultdict(set)
    for path in root.rglob("*.py"):
        source = _module_name(path, root).split(".")[1: 1 + level]
        if len(source) < level:
            continue
        for target in _imports(path, root):
            parts = target.split(".")[1: 1 + level]
            if len(parts) == level and parts != source and _exists(parts, root):
                graph[".".join(source)].add(".".join(parts))
    return graph


def _exists(parts: list[str], root: Path) -> bool:
    base = root.joinpath(*parts)
    return base.is_dir() or base.with_suffix(".py").is_file()


def _rank(package: str) -> int:
    for i, layer in enumerate(LAYERS):
        if package in layer:
            return i
    raise AssertionError(f"anycart.{package} is in no layer: add it to LAYERS in {__file__}")


def _against_layers(root: Path = ROOT) -> list[str]:
    return sorted(f"anycart.{source} imports anycart.{target}"
                  for source, targets in _graph(1, root).items() for target in targets
                  if _rank(target) <= _rank(source))


def test_every_package_imports_only_layers_below_it() -> None:
    wrong = _against_layers()
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_no_platform_package_imports_another_platform() -> None:
    """A platform is one folder: it may build on the shared kit and the bridge family, never
    on another platform, and the shared code names no platform."""
    wrong = []
    for source, targets in _graph(2).items():
        top = source.partition(".")[0]
        if top != "platforms":
            continue
        for target in targets:
            other = target.partition(".")[2]
            if target.startswith("platforms.") and other not in SHARED_PLATFORM_PACKAGES \
                    and ROOT.joinpath("platforms", other).is_dir():
                wrong.append(f"anycart.{source} imports anycart.{target}")
    assert not wrong, "\n".join(sorted(wrong))


def test_the_checker_sees_a_wrong_import(tmp_path: Path) -> None:
    """On a package tree of its own: a lazy import of the HTTP layer from the model, and a
    relative one from storage into methods, are both caught; downward ones are not."""
    root = tmp_path / "anycart"
    for name, text in {
        "__init__.py": "",
        "http/__init__.py": "", "http/app.py": "from anycart.model import X\n",
        "methods/__init__.py": "", "methods/gateway.py": "",
        "storage/__init__.py": "", "storage/db.py": "from ..methods import gateway\n",
        "model.py": "def f():\n    from anycart.http.app import create_app\n",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    assert _against_layers(root) == ["anycart.model imports anycart.http",
                                     "anycart.storage imports anycart.methods"]
