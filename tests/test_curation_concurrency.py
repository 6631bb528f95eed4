"""Two savers of one figure file, and a saver killed mid-save: one wins, the other is refused, nothing is mixed."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import curation_data as cd
import pytest

from curation import review as cur
from loaders.dataset import load

ROOT = Path(__file__).resolve().parent.parent
PRELUDE = f"""
import os, signal, sys, time
from pathlib import Path
sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / "tests")!r}]
from curation import review as cur
"""


def _script(body: str) -> list[str]:
    return [sys.executable, "-c", PRELUDE + textwrap.dedent(body)]


@pytest.fixture
def data(tmp_path):
    return cd.make(tmp_path)


def test_two_savers_of_one_file_one_wins_and_the_other_is_refused(data, tmp_path):
    metrics, sid = data
    go = tmp_path / "go"
    saver = """
        s = cur.open_sheet(Path(sys.argv[1]), sys.argv[2])
        s = cur.apply(s, [cur.Set("fxc-relief", "label_en", sys.argv[3])])
        print("ready", flush=True)
        while not os.path.exists(sys.argv[4]):
            time.sleep(0.005)
        try:
            # Linger between writing and renaming, so the two saves overlap.
            cur.save(s, before_rename=lambda tmp: time.sleep(0.3))
            print("saved", flush=True)
        except cur.Stale as exc:
            print("stale", flush=True)
            print(exc, flush=True)
    """
    procs = [
        subprocess.Popen(
            [*_script(saver), str(metrics), sid, label, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for label in ("Relief money", "Condolence funds")
    ]
    try:
        for p in procs:
            assert p.stdout.readline().strip() == "ready", p.stderr.read()
        go.touch()
        outs = [p.communicate(timeout=120) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    results = [out.splitlines()[0] for out, _ in outs]
    assert sorted(results) == ["saved", "stale"], outs
    winner = ("Relief money", "Condolence funds")[results.index("saved")]
    loser_says = outs[results.index("stale")][0]
    assert "changed on disk since you loaded it" in loser_says
    assert "row fxc-relief changed: label_en" in loser_says
    fresh = cur.open_sheet(metrics, sid)
    expected = cur.apply(fresh, [])  # the file now is exactly the winner's render, never a mix
    assert fresh.row("fxc-relief")["label_en"] == winner
    assert fresh.path.read_text(encoding="utf-8") == expected.render()
    load(metrics)


def test_a_saver_killed_between_write_and_rename_leaves_the_old_file_intact(data):
    metrics, sid = data
    sheet = cur.open_sheet(metrics, sid)
    before = sheet.path.read_bytes()
    would_be = cur.apply(sheet, [cur.Reject("fxc-people")]).render().encode("utf-8")
    crasher = """
        s = cur.open_sheet(Path(sys.argv[1]), sys.argv[2])
        s = cur.apply(s, [cur.Reject("fxc-people")])
        cur.save(s, before_rename=lambda tmp: os.kill(os.getpid(), signal.SIGKILL))
    """
    done = subprocess.run([*_script(crasher), str(metrics), sid], capture_output=True, text=True, timeout=120)
    assert done.returncode == -9, done.stderr
    assert sheet.path.read_bytes() == before
    # It died after writing the new bytes in full: they are in its temporary file, never in the figure file.
    (left,) = sheet.path.parent.glob(f".{sheet.path.name}.*.tmp")
    assert left.read_bytes() == would_be
    load(metrics)
    # The next save goes through (the lock died with the writer) and clears what it left.
    saved = cur.save(cur.apply(cur.open_sheet(metrics, sid), [cur.Reject("fxc-people")]))
    assert saved.path.read_bytes() == would_be
    assert not list(sheet.path.parent.glob(f".{sheet.path.name}.*.tmp"))
