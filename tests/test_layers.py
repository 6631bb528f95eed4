"""The arrows point one way: pages and the entry -> ui -> views -> loaders; Streamlit only from ui/ up."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("loaders", "curation", "drafting", "exports", "views", "ui", "pages")


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def test_nothing_imports_the_entry():
    files = [p for pkg in (*PACKAGES, "tests", "bench") for p in (ROOT / pkg).rglob("*.py")]
    assert len(files) > 20
    assert [str(p) for p in files if any(m.split(".")[0] == "dashboard" for m in _imports(p))] == []


def _lint(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT)], cwd=where, capture_output=True, text=True, timeout=120)


needs_linter = pytest.mark.skipif(not LINT.exists(), reason="import-linter is in requirements-dev.txt")


@needs_linter
def test_the_contract_holds_on_the_code():
    run = _lint(ROOT)
    assert run.returncode == 0 and "0 broken" in run.stdout, run.stdout[-2000:]


def test_a_pages_view_never_imports_another_pages():
    from ui.registry import CURATE, PAGES

    views = {p.view for p in (*PAGES, CURATE)}
    assert len(views) == len(PAGES) + 1
    crossing = []
    for name in views:
        path = ROOT / (name.replace(".", "/") + ".py")
        crossing += [(name, m) for m in _imports(path) if m in views - {name}]
        crossing += [(name, f"views.{a}") for a in _from_views(path) if f"views.{a}" in views - {name}]
    assert crossing == []


def _from_views(path: Path) -> set[str]:
    """Names imported as `from views import a, b`."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "views":
            out |= {a.name for a in node.names}
    return out
