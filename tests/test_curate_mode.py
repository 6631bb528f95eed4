"""`make run` is the read-only viewer: no Curate page is registered and no module that writes is even imported."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.app  # AppTest runs of the dashboard (in a subprocess: a clean sys.modules)
ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "many_sources" / "metrics.yaml"
WRITING = ("curation", "drafting")
"""The packages that write data/ (every writer lives in one of them: tests/test_one_writer.py)."""
DRIVERS = ("ui.curate", "views.curate")

PROBE = f"""
import json, sys
sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / "tests")!r}]
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({str(ROOT / "dashboard.py")!r}, default_timeout=60)
at.run()
pages = []
try:
    at.switch_page("pages/curate.py")
except ValueError as exc:
    pages = exc.args[0]
from ui.registry import PAGES
for p in PAGES:
    at.switch_page(p.path).run()
print(json.dumps({{"modules": sorted(sys.modules), "refused": pages}}))
"""


def _probe(curate: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "CURATE"} | {"METRICS_FILE": str(FIXTURE)}
    if curate:
        env["CURATE"] = "1"
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_viewer_registers_no_curate_page_and_imports_nothing_that_writes():
    seen = _probe(curate=False)
    assert "Could not find a navigation page" in seen["refused"]
    assert not re.search(r"curate\.py'\]", seen["refused"]), seen["refused"]
    assert [m for m in seen["modules"] if m.split(".")[0] in WRITING or m in DRIVERS] == []


def test_curate_mode_registers_the_page():
    seen = _probe(curate=True)
    assert seen["refused"] == []  # the page is registered, so switching to it is allowed


def test_make_curate_sets_the_mode_and_binds_loopback_only():
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^curate:.*\n((?:\t.*\n)+)", make, re.M)
    assert recipe, "no curate target"
    body = recipe.group(1)
    assert "CURATE=1" in body and "--server.address=127.0.0.1" in body
    run = re.search(r"^run:.*\n((?:\t.*\n)+)", make, re.M).group(1)
    assert "CURATE" not in run
