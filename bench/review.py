"""The Curate page's focused review, timed in chromium: 50 proposals, 40 accepted, 5 fixed, 5 rejected, saved.

A fixture text of our own (50 clauses, one figure each, 50 distinct labels) is registered beside the test
fixture's data and drafted by the real drafter; the learnt glossary (data/glossary.yaml) already knows the
English of 40 labels, as it would after a curator saved them in an earlier text. The script then reviews as a
curator would, with the keyboard: `a` accepts, `x` rejects (the reason picker's first reason), a fix is a click
into "Label (English)", the label typed, Enter (which accepts with it); one click on Save. It counts every key
press, click and typed field from the first decision to the saved message, and checks that the file after Save
holds exactly what the script decided (no lost edit).

    python -m bench.review [--out docs/benchmarks.md]   # appends (or replaces) its own section there
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.browser import CHROMIUM, LAUNCH_ARGS, ROOT, SETTLED_JS, Server
from curation import add_source
from curation import glossary as learning
from curation import review as cur
from drafting import write as draft_write
from loaders.dataset import load

FIXTURE = ROOT / "tests" / "fixtures" / "many_sources"
SOURCE = "bench-review"
PRE = [("党群", "Party-mass"), ("志愿", "Volunteer"), ("网格", "Grid"), ("调解", "Mediation"), ("养老", "Elderly care")]
PRE += [("托育", "Childcare"), ("文化", "Culture"), ("体育", "Sports"), ("法律", "Legal aid"), ("医疗", "Medical")]
SUF = [("服务站", "service stations"), ("服务队", "service teams"), ("议事会", "councils")]
SUF += [("工作室", "studios"), ("活动室", "activity rooms")]
LABELS = [(pz + sz, f"{pe} {se}") for pz, pe in PRE for sz, se in SUF]
HEADING = "## The Curate page's focused review (bench/review.py)"
TIMEOUT_MS = 60_000


def plan(i: int) -> str:
    """What the script decides for the i-th proposal of the file: 40 accepted, 5 fixed, 5 rejected."""
    return {8: "fix", 9: "reject"}.get(i % 10, "accept")


def text() -> str:
    clauses = [f"新增{12 + i}个{zh}" for i, (zh, _) in enumerate(LABELS)]
    return "东街道社区工作简报\n今年甲市东街道" + ",".join(clauses) + "。\n"


def build(folder: Path) -> tuple[Path, list[dict]]:
    """The data folder with the fixture text registered and drafted; (metrics file, the proposals in order)."""
    data = folder / "data"
    shutil.copytree(FIXTURE, data)
    metrics = data / "metrics.yaml"
    src = folder / "review.txt"
    src.write_text(text(), encoding="utf-8")
    add_source.add_source(metrics, src, SOURCE, title_en="Bench: a review of fifty proposals")
    known = {zh: en for i, (zh, en) in enumerate(LABELS) if plan(i) == "accept"}
    learning.learn(metrics, known)  # as an earlier text's save would have
    draft_write.draft_source(load(metrics), SOURCE, metrics)
    rows = cur.open_sheet(metrics, SOURCE).rows
    if len(rows) != len(LABELS):
        raise RuntimeError(f"the drafter proposed {len(rows)} rows, not {len(LABELS)}: the fixture needs a look")
    return metrics, rows


@dataclass
class Count:
    keys: int = 0
    clicks: int = 0
    typed: int = 0

    @property
    def total(self) -> int:
        return self.keys + self.clicks + self.typed


def _settled(page) -> None:
    page.wait_for_function("() => {" + SETTLED_JS + " return true; }", timeout=TIMEOUT_MS, polling=20)


def _progress(page, done: int, total: int) -> None:
    main = page.get_by_test_id("stMain")
    main.get_by_text(f"{done} of {total} reviewed").wait_for(timeout=TIMEOUT_MS)
    _settled(page)


def _focused(page) -> str:
    head = page.get_by_test_id("stMain").get_by_test_id("stMarkdown").filter(has_text=re.compile(f"^{SOURCE}-"))
    return head.first.inner_text().split(" ·")[0].strip()


def _pick_source(page) -> None:
    box = page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(has_text="Source").first
    box.get_by_role("combobox").click()
    page.keyboard.type(SOURCE)
    page.keyboard.press("Enter")
    _settled(page)


def review(metrics: Path, rows: list[dict]) -> dict:
    from playwright.sync_api import sync_playwright

    decided = {r["id"]: plan(i) for i, r in enumerate(rows)}
    typed_en = {r["id"]: f"{r['label_zh']} (fixed)" for r in rows if decided[r["id"]] == "fix"}
    n = len(rows)
    count, per = Count(), {"accept": Count(), "fix": Count(), "reject": Count()}
    srv = Server("dashboard.py", env={"METRICS_FILE": str(metrics), "CURATE": "1"}).start()
    try:
        srv.wait_healthy()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(srv.url("/curate"), wait_until="domcontentloaded")
            _settled(page)
            _pick_source(page)
            _progress(page, 0, n)
            page.get_by_test_id("stProgress").click()  # setup: the focus out of the source picker
            started = time.perf_counter()
            for done in range(n):
                rid = _focused(page)
                what = decided[rid]
                c = per[what]
                if what == "accept":
                    page.keyboard.press("a")
                    c.keys += 1
                elif what == "reject":
                    page.keyboard.press("x")
                    c.keys += 1
                else:
                    field = page.get_by_test_id("stMain").get_by_label("Label (English)")
                    field.click()
                    field.fill(typed_en[rid])
                    field.press("Enter")
                    c.clicks, c.typed, c.keys = c.clicks + 1, c.typed + 1, c.keys + 1
                _progress(page, done + 1, n)
            page.get_by_test_id("stMain").get_by_role("button", name="Save", exact=True).click()
            count.clicks += 1
            page.get_by_test_id("stMain").get_by_text(re.compile("^Saved ")).wait_for(timeout=TIMEOUT_MS)
            wall = time.perf_counter() - started
            browser.close()
    finally:
        srv.stop()
    for c in per.values():
        count.keys, count.clicks, count.typed = count.keys + c.keys, count.clicks + c.clicks, count.typed + c.typed
    saved = cur.open_sheet(metrics, SOURCE)
    kept = {r["id"]: r for r in saved.rows}
    lost = []
    for r in rows:
        rid, what = r["id"], decided[r["id"]]
        if what == "reject":
            if rid in kept or not any(x.get("quote") == r["quote"] for x in saved.rejected):
                lost.append(f"{rid}: not rejected")
        elif rid not in kept or kept[rid].get("draft"):
            lost.append(f"{rid}: not accepted")
        elif what == "fix" and kept[rid].get("label_en") != typed_en[rid]:
            lost.append(f"{rid}: label_en {kept[rid].get('label_en')!r}, not {typed_en[rid]!r}")
        elif what == "accept" and kept[rid].get("label_en") != dict(LABELS)[r["label_zh"]]:
            lost.append(f"{rid}: label_en {kept[rid].get('label_en')!r}")
    k = {w: sum(1 for v in decided.values() if v == w) for w in per}
    return {
        "proposals": n,
        "decided": k,
        "wall_s": wall,
        "actions": count.total,
        "keys": count.keys,
        "clicks": count.clicks,
        "typed": count.typed,
        "per": {w: per[w].total / k[w] for w in per if k[w]},
        "lost": lost,
    }


def run() -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-review-") as tmp:
        metrics, rows = build(Path(tmp))
        return review(metrics, rows)


def section(res: dict) -> str:
    per = res["per"]
    ok = {
        "accept": per["accept"] <= 1.2,
        "fix": per["fix"] <= 4,
        "wall": res["wall_s"] < 180,
        "lost": not res["lost"],
    }

    def mark(b: bool) -> str:
        return "met" if b else "MISSED"

    lines = [
        HEADING,
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, headless chromium at 1400×1000, "
        f"`python -m bench.review`. {res['proposals']} proposals: {res['decided']['accept']} accepted as drafted "
        f"(their English from the learnt glossary), {res['decided']['fix']} fixed (English label typed), "
        f"{res['decided']['reject']} rejected; then Save.",
        "",
        "| measure | value | target | |",
        "|---|---:|---:|---|",
        f"| actions per accepted proposal | {per['accept']:.2f} | ≤ 1.2 | {mark(ok['accept'])} |",
        f"| actions per fixed proposal | {per['fix']:.2f} | ≤ 4 | {mark(ok['fix'])} |",
        f"| actions per rejected proposal | {per['reject']:.2f} | | |",
        f"| actions, whole review with Save (keys / clicks / typed fields) | {res['actions']} "
        f"({res['keys']} / {res['clicks']} / {res['typed']}) | | |",
        f"| wall time, first decision to the saved message | {res['wall_s']:.1f} s | < 180 s | {mark(ok['wall'])} |",
        f"| edits lost (file after Save vs the script's decisions) | {len(res['lost'])} | 0 | {mark(ok['lost'])} |",
        "",
        "Today's page before this change (a decision by double-clicking the state cell, choosing from its menu) was "
        "not re-run here: its state cell is read-only now.",
    ]
    if res["lost"]:
        lines += ["", "Lost:", *(f"- {x}" for x in res["lost"])]
    return "\n".join(lines) + "\n"


def write(res: dict, out: Path) -> None:
    """Append the section to out, or replace the one a previous run wrote; the rest of the file is left as it is."""
    body = out.read_text(encoding="utf-8") if out.exists() else ""
    new = section(res)
    if HEADING in body:
        head, rest = body.split(HEADING, 1)
        nxt = rest.find("\n## ")
        tail = rest[nxt + 1 :] if nxt >= 0 else ""
        body = head + new + ("\n" + tail if tail else "")
    else:
        body = body.rstrip("\n") + "\n\n" + new if body else new
    out.write_text(body, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.review", description=__doc__)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    a = ap.parse_args(argv)
    res = run()
    write(res, a.out)
    print(section(res))
    return 0 if not res["lost"] else 1


if __name__ == "__main__":
    sys.exit(main())
