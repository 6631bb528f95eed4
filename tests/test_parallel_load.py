"""Figure files read in worker processes give the same dataset, and the same problems, as read in turn."""

from __future__ import annotations

import pytest

from bench import synth
from loaders import dataset, derive
from loaders.problems import FiguresError

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    return synth.make(10, tmp_path_factory.mktemp("x10"))


def test_workers_give_the_same_frame(synthetic):
    one, two = dataset.load(synthetic), dataset.load(synthetic, workers=2)
    assert len(two.figure_files) >= 4  # enough files for the pool to be used
    assert derive.frame(one).equals(derive.frame(two))
    assert one.lines == two.lines and one.files == two.files


def test_workers_report_every_problem_with_the_same_file_and_line(synthetic, tmp_path):
    import shutil

    root = tmp_path / "copy"
    shutil.copytree(synthetic.parent, root)
    files = sorted((root / "figures").glob("*.yaml"))
    first, last = files[1], files[-1]
    text = first.read_text(encoding="utf-8")
    quote = text.split('quote: "', 1)[1].split('"', 1)[0]
    first.write_text(text.replace(quote, quote + "（有误）", 1), encoding="utf-8")  # a quote not in the text
    last.write_text(last.read_text(encoding="utf-8").replace("    status:", "    status: blank\n    status:", 1))
    messages = []
    for workers in (1, 2):
        with pytest.raises(FiguresError) as exc:
            dataset.load(root / "metrics.yaml", workers=workers)
        messages.append(str(exc.value))
    assert messages[0] == messages[1]
    assert f"figures/{first.name}:" in messages[1] and ".quote: not found in source" in messages[1]
    assert f"figures/{last.name}:" in messages[1] and "duplicate key 'status'" in messages[1]
