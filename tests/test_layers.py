"""The arrows point one way: pages and the entry -> ui -> views -> loaders; Streamlit only from ui/ up."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("loaders", "views", "ui", "pages")


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


def _copy(tmp_path: Path) -> Path:
    for name in PACKAGES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def _lint(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT)], cwd=where, capture_output=True, text=True, timeout=120)


needs_linter = pytest.mark.skipif(not LINT.exists(), reason="import-linter is in requirements-dev.txt")
WRONG_WAY = [  # (module, import added to it, the contract it breaks, what the report names)
    ("views/text.py", "import streamlit", "No Streamlit in loaders/ or views/", "views.text -> streamlit"),
    ("loaders/derive.py", "from views import writing", "Layers", "loaders.derive -> views.writing"),
    ("views/gaps.py", "from views import compare", "A page's view module never imports", "views.gaps -> views.compare"),
    ("ui/registry.py", "import pages.overview", "Layers", "ui.registry -> pages.overview"),
]


@needs_linter
def test_the_contract_holds_on_the_code():
    run = _lint(ROOT)
    assert run.returncode == 0 and "0 broken" in run.stdout, run.stdout[-2000:]


@needs_linter
def test_the_contract_catches_every_arrow_pointing_the_wrong_way(tmp_path):
    where = _copy(tmp_path)
    for module, line, _, _ in WRONG_WAY:
        target = where / module
        target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    run = _lint(where)
    assert run.returncode != 0, run.stdout[-2000:]
    broken = [line for line in run.stdout.splitlines() if line.endswith(" BROKEN")]
    for _, _, contract, named in WRONG_WAY:
        assert any(line.startswith(contract) for line in broken), (contract, broken)
        assert named in run.stdout, named
