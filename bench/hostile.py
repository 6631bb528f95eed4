"""python -m bench.hostile [REPORT.md] [--sizes 1,2,4,8]: worst time and peak memory of add-source, drafting and
opening the Curate page's sheet on hostile texts of up to 8 MB (issue 22); the table is appended to REPORT.md.

Targets for 8 MB: linear in size, at most 10 s and 500 MB each. Every step runs in a fresh process (its peak RSS is
the step's, interpreter and libraries included) on a copy of data/ with the text registered by the step before:

- add-source: `curation.add_source.add_source` (what `python -m loaders add-source` and the page's form run);
- draft: `drafting.write.draft_source`, the drafter's whole job into the figure file;
- draft again: the same on the figure file the draft wrote (the Curate page's "Draft proposals" on a drafted text:
  every proposal checked against the rows already there);
- open sheet: what the Curate page does on opening a source: read the sheet, validate the dataset with it,
  count the numbers no row covers, and draw the text with every row marked.

Texts (our own filler, each cut to the size): place mentions (广州, registered, thousands of times), numbers (one
every few characters: the drafter stops at its cap), numbers at the cap (the most a draft may write, spread over
filler, in prose so repetitive that no quote is unique), figures at the cap (as many, each number its own, so
every one is drafted, written and validated), one line (no line break at all), headings (every line looks like a section heading).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SID = "hostile-text"
TARGET_S, TARGET_MB = 10.0, 500.0
STEP_TIMEOUT_S = 600  # a step still running then is stopped and reported as "stopped after 600 s"
STEPS = ("add-source", "draft", "draft again", "open sheet")


def _fill(unit: str, size: int, line: int | None = 60) -> str:
    """unit repeated to size UTF-8 bytes, a line break after every `line` units (None: one line)."""
    per = len(unit.encode("utf-8"))
    n = max(1, size // per)
    if line is None:
        return unit * n
    row = unit * line + "\n"
    return (row * (n // line + 1))[: n * len(unit)]


def text_of(shape: str, size: int) -> str:
    head = "本期邀请了广东省广州市的同志交流城市基层治理。\n广州:让服务走进小区\n"
    if shape == "mentions":
        body = _fill("广州和广州市、", size)
    elif shape == "numbers":
        body = _fill("建成12个驿站，", size)
    elif shape == "numbers at the cap":
        from drafting.proposals import MAX_PROPOSALS

        filler = _fill("社区服务持续推进，群众满意。", size)
        step = max(1, len(filler) // (MAX_PROPOSALS - 10))
        body = "".join(
            filler[i : i + step] + ("建成12个驿站。" if i // step < MAX_PROPOSALS - 10 else "")
            for i in range(0, len(filler), step)
        )
    elif shape == "figures at the cap":  # each number its own: every one drafted, written and validated
        from drafting.proposals import MAX_PROPOSALS

        filler = _fill("社区服务持续推进，群众满意。", size)
        k = MAX_PROPOSALS - 10
        step = max(1, len(filler) // k)
        body = "".join(
            filler[i : i + step] + (f"建成{i // step + 1}个驿站。" if i // step < k else "")
            for i in range(0, len(filler), step)
        )
    elif shape == "one line":
        body = _fill("广州建成驿站，", size, line=None)
    elif shape == "headings":
        body = _fill("广州:第一节\n", size, line=None)
    else:
        raise ValueError(shape)
    return head + body


SHAPES = ("mentions", "numbers", "numbers at the cap", "figures at the cap", "one line", "headings")


# 1/ ONE STEP, IN ITS OWN PROCESS ----------------------------------------------------------------------------------


def step(name: str, data: Path, text_file: Path) -> dict:
    """Run one step on data/metrics.yaml; its time, its outcome in a line, and this process's peak RSS."""
    metrics = data / "metrics.yaml"
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    outcome = "ok"
    try:
        if name == "add-source":
            from curation import add_source

            add_source.add_source(metrics, text_file, SID, title_en="Hostile text")
        elif name in ("draft", "draft again"):
            from drafting import write as draft_write
            from loaders.dataset import load

            _, report, held = draft_write.draft_source(load(metrics), SID, metrics)
            outcome = f"{len(report.added)} rows written, {len(held)} held"
        elif name == "open sheet":
            from curation import review as curation
            from loaders import derive
            from views import highlight

            sheet = curation.open_sheet(metrics, SID)
            result = curation.check(sheet)
            found = curation.uncovered(sheet, result)
            marks = []
            if result.dataset is not None:
                df = derive.frame(result.dataset)
                marks = highlight.marks(df[df["source"] == SID], "en")
            highlight.render(sheet.text or "", marks)
            from loaders import scan

            n = scan.number_count(sheet.text or "")
            scanned = f"scan stopped: {n:,} numbers" if n > scan.MAX_NUMBERS else f"{len(found or ())} uncovered"
            outcome = f"{len(sheet.rows)} rows, {len(result.problems)} problems, {scanned}"
        else:
            raise ValueError(name)
    except Exception as exc:  # noqa: BLE001 - a refusal is an outcome to report, with its time
        outcome = f"refused: {type(exc).__name__}: {str(exc).splitlines()[0][:90]}"
    seconds = time.perf_counter() - started
    use = resource.getrusage(resource.RUSAGE_SELF)
    cpu = use.ru_utime + use.ru_stime - cpu_before  # the step's own CPU: what a busy shared machine cannot inflate
    return {"seconds": seconds, "cpu_s": cpu, "peak_mb": use.ru_maxrss / 1024, "outcome": outcome}


def _in_process(name: str, data: Path, text_file: Path) -> dict:
    cmd = [sys.executable, "-m", "bench.hostile", "--step", name, "--data", str(data), "--text", str(text_file)]
    try:
        out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=STEP_TIMEOUT_S)
    except subprocess.TimeoutExpired:  # a lower bound, reported as such: the run goes on with the next step
        nan = float("nan")
        return {"seconds": STEP_TIMEOUT_S, "cpu_s": nan, "peak_mb": nan, "outcome": f"stopped after {STEP_TIMEOUT_S} s"}
    if out.returncode != 0:
        nan = float("nan")
        return {"seconds": nan, "cpu_s": nan, "peak_mb": nan, "outcome": f"crashed: {out.stderr[-300:]}"}
    return json.loads(out.stdout.strip().splitlines()[-1])


# 2/ ALL OF THEM --------------------------------------------------------------------------------------------------


def measure(sizes_mb: list[float], shapes: tuple[str, ...] = SHAPES) -> list[dict]:
    rows = []
    for shape in shapes:
        for mb in sizes_mb:
            with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
                data = Path(tmp) / "data"
                shutil.copytree(ROOT / "data", data)
                text_file = Path(tmp) / "text.txt"
                text_file.write_text(text_of(shape, int(mb * 2**20)), encoding="utf-8")
                for name in STEPS:
                    r = _in_process(name, data, text_file)
                    rows.append({"shape": shape, "mb": mb, "step": name, **r})
                    print(
                        f"[hostile] {shape} {mb} MB {name}: {r['seconds']:.2f} s ({r['cpu_s']:.2f} s CPU), "
                        f"{r['peak_mb']:.0f} MB, "
                        f"{r['outcome']}",
                        file=sys.stderr,
                        flush=True,
                    )
    return rows


def _load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1, 5, 15 min, when the table was written)"


def render(rows: list[dict], sizes_mb: list[float]) -> str:
    top = max(sizes_mb)
    lines = [
        f"## Hostile inputs (`python -m bench.hostile`, issue 22): worst of {len({r['shape'] for r in rows})} text "
        f"shapes, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        f"Targets at {top:g} MB: linear in size, at most {TARGET_S:g} s and {TARGET_MB:g} MB (peak RSS of the "
        "step's own process, Python and libraries included). The machine is shared: time is wall-clock time, CPU "
        f"the step's own CPU time; load average {_load()}.",
        "",
        "| step | "
        + " | ".join(f"{mb:g} MB" for mb in sizes_mb)
        + f" | worst shape at {top:g} MB | its CPU | peak RSS at "
        f"{top:g} MB | {top:g} MB / {min(sizes_mb):g} MB time | met |",
        "|---|" + "---|" * (len(sizes_mb) + 5),
    ]
    for name in STEPS:
        mine = [r for r in rows if r["step"] == name]
        worst = {mb: max((r for r in mine if r["mb"] == mb), key=lambda r: r["seconds"]) for mb in sizes_mb}
        big = worst[top]
        peak = max((r["peak_mb"] for r in mine if r["mb"] == top and r["peak_mb"] == r["peak_mb"]), default=0.0)
        ratio = big["seconds"] / max(worst[min(sizes_mb)]["seconds"], 1e-9)
        met = big["seconds"] <= TARGET_S and peak <= TARGET_MB and not big["outcome"].startswith("stopped")
        cells = " | ".join(f"{worst[mb]['seconds']:.2f} s" for mb in sizes_mb)
        lines.append(
            f"| {name} | {cells} | {big['shape']} ({big['outcome']}) | {big['cpu_s']:.2f} s | {peak:.0f} MB | "
            f"{ratio:.1f}× | "
            f"{'yes' if met else '**no**'} |"
        )
    lines += ["", "Every run:", "", "| shape | size | step | time | CPU | peak RSS | outcome |", "|" + "---|" * 7]
    lines += [
        f"| {r['shape']} | {r['mb']:g} MB | {r['step']} | {r['seconds']:.2f} s | {r['cpu_s']:.2f} s | "
        f"{r['peak_mb']:.0f} MB | "
        f"{r['outcome']} |"
        for r in rows
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.hostile", description=__doc__.split("\n\n")[0])
    ap.add_argument("report", nargs="?", type=Path, help="markdown file the table is appended to")
    ap.add_argument("--sizes", default="1,2,4,8", help="text sizes in MB (default 1,2,4,8)")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="text shapes (default all)")
    ap.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)  # one step, in this process
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--text", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.step:
        print(json.dumps(step(a.step, a.data, a.text)))
        return 0
    sizes = [float(s) for s in a.sizes.split(",")]
    table = render(measure(sizes, tuple(a.shapes.split(","))), sizes)
    if a.report:
        old = a.report.read_text(encoding="utf-8") if a.report.exists() else ""
        a.report.write_text(old.rstrip("\n") + ("\n\n" if old else "") + table, encoding="utf-8")
    sys.stdout.write(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
