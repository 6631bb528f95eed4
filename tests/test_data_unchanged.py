"""Nothing is lost: the loader only reads, data/ is unchanged after the run, and the server config is safe."""

from __future__ import annotations

import builtins
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import factories
import pytest

from loaders import FiguresError, load, store
from loaders.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


class ReadOnly:
    """Patches every way to open or change a file; records what was read, raises on any write."""

    def __init__(self, monkeypatch):
        self.read: list[str] = []
        real_open, real_os_open = builtins.open, os.open

        def guarded_open(file, mode="r", *args, **kwargs):
            if any(c in mode for c in "wax+"):
                raise AssertionError(f"opened {file} for writing ({mode!r})")
            self.read.append(str(file))
            return real_open(file, mode, *args, **kwargs)

        def guarded_os_open(path, flags, *args, **kwargs):
            if flags & WRITE_FLAGS:
                raise AssertionError(f"os.open({path}) with write flags")
            self.read.append(str(path))
            return real_os_open(path, flags, *args, **kwargs)

        def refuse(name):
            def fn(*args, **kwargs):
                raise AssertionError(f"{name}{args} called")

            return fn

        monkeypatch.setattr(builtins, "open", guarded_open)
        monkeypatch.setattr(io, "open", guarded_open)
        monkeypatch.setattr(os, "open", guarded_os_open)
        for name in ("write_text", "write_bytes", "touch", "unlink", "rename", "replace", "mkdir", "rmdir"):
            monkeypatch.setattr(Path, name, refuse(f"Path.{name}"))
        for name in ("remove", "unlink", "rename", "replace", "truncate", "mkdir", "makedirs", "rmdir"):
            monkeypatch.setattr(os, name, refuse(f"os.{name}"))


def test_loading_the_real_file_never_writes(monkeypatch, capsys):
    guard = ReadOnly(monkeypatch)
    ds = load(ROOT / "data" / "metrics.yaml")
    assert main(["validate", str(ROOT / "data" / "metrics.yaml")]) == 0
    assert len(ds.metrics) > 90
    # The guard saw the reads, so it would have seen a write.
    assert any(p.endswith("metrics.yaml") for p in guard.read)
    assert any(p.endswith(".txt") for p in guard.read)


def test_building_the_store_writes_under_its_build_folder_only(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".history"))
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    built = store.build(data / "metrics.yaml")
    assert data not in built.path.parents and built.path.is_file()
    after = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    assert after == before


def test_loading_a_broken_file_never_writes(tmp_path, monkeypatch, capsys):
    path = factories.write(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("value: 12", "value: 13"), encoding="utf-8")
    guard = ReadOnly(monkeypatch)
    with pytest.raises(FiguresError):
        load(path)
    assert main(["validate", str(path)]) == 1
    assert "metrics[1].value: 13 does not occur" in capsys.readouterr().err
    assert str(path) in guard.read


def test_the_session_snapshot_covers_the_data(request):
    digests = request.config.data_digests  # taken by tests/conftest.py when the session started
    assert {"metrics.yaml", "metrics.schema.json"} <= set(digests)
    assert any(name.startswith("source/") and name.endswith(".txt") for name in digests)
    source = ROOT / "data" / "metrics.yaml"
    assert digests["metrics.yaml"] == hashlib.sha256(source.read_bytes()).hexdigest()  # nothing changed so far


CHANGES = """
from pathlib import Path

DATA = Path(__file__).parent.parent / "data"


def test_edit():
    (DATA / "metrics.yaml").write_text("metrics: [1]")


def test_delete():
    (DATA / "source" / "a.txt").unlink()


def test_add():
    (DATA / "new.yaml").write_text("x")
"""


@pytest.mark.slow  # a pytest run of its own, in a subprocess
@pytest.mark.parametrize("changes", [False, True], ids=["untouched", "edit-delete-add"])
def test_a_run_that_changes_data_fails(tmp_path, changes):
    """The session hooks, run in a throw-away project: any change under data/ turns the run red."""
    (tmp_path / "tests").mkdir()
    (tmp_path / "data" / "source").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "tests" / "conftest.py")
    (tmp_path / "data" / "metrics.yaml").write_text("metrics: []\n", encoding="utf-8")
    (tmp_path / "data" / "source" / "a.txt").write_text("text", encoding="utf-8")
    body = CHANGES if changes else "def test_nothing():\n    pass\n"
    (tmp_path / "tests" / "test_x.py").write_text(body, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path / "tests")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if not changes:
        assert out.returncode == 0, out.stdout + out.stderr
        assert "changed files under data/" not in out.stdout
    else:
        assert out.returncode == 1, out.stdout + out.stderr
        assert "3 passed" in out.stdout
        assert "the test run changed files under data/: metrics.yaml, new.yaml, source/a.txt" in out.stdout


def test_streamlit_config_is_safe_by_default():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["server"]["enableXsrfProtection"] is True
    assert 0 < config["server"]["maxUploadSize"] <= 10
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"
