"""Issue 22: what an attacker or a careless user can feed the viewer and the Curate page is refused or bounded.

The real servers (`make run`, `make curate`) with a real browser are in tests/browser/test_hosts.py; here the
pieces, fast.
"""

from __future__ import annotations

import asyncio
import csv
import hashlib
import html
import io
import json
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import curation_data
import factories
import pandas as pd
import pytest

from curation import add_source
from curation import review as curation
from drafting import proposals as draft
from drafting import write as draft_write
from exports import package as export_package
from loaders import bundle, csv_safe, derive, filters, load, scan, yamlfile
from loaders import catalog as export_tables
from loaders.filters import Filters
from loaders.models import Place
from loaders.problems import FiguresError
from ui import compat, serve
from views import compare, downloads, highlight, overview
from views import curate as curate_view

ROOT = Path(__file__).resolve().parent.parent


# 1/ HOST, ORIGIN, FRAMING (ui/serve.py's guard in front of Streamlit's server)
def _run(scope_type: str, host: str | None, origin: str | None = None) -> list[dict]:
    """What the guarded app sends for one request; the inner app answers 200 (http) or accepts (websocket)."""
    sent: list[dict] = []

    async def inner(scope, receive, send):
        if scope["type"] == "websocket":
            await send({"type": "websocket.accept"})
        else:
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
            await send({"type": "http.response.body", "body": b"ok"})

    async def send(message):
        sent.append(message)

    async def receive():
        return {}

    headers = [(b"host", host.encode())] if host else []
    headers += [(b"origin", origin.encode())] if origin else []
    app = serve.guard(inner, ["localhost", "127.0.0.1"])
    # its own thread: a browser test before it (Playwright's sync API) may leave an event loop running in this one
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, app({"type": scope_type, "headers": headers, "path": "/"}, receive, send)).result()
    return sent


@pytest.mark.parametrize(
    ("host", "origin"),
    [
        ("rebind.example:8501", "http://rebind.example:8501"),  # DNS rebinding: Host and Origin agree, both foreign
        ("127.0.0.1:8501", "http://localhost:3000"),  # a page on another port of this machine
        ("localhost:8501", "http://localhost:3000"),
        ("127.0.0.1:8501", "http://127.0.0.1:8502"),
        ("127.0.0.1:8501", "null"),
        ("127.0.0.1:8501", "file://"),
        ("localhost.rebind.example:8501", "http://localhost.rebind.example:8501"),
        ("user@127.0.0.1:8501", None),
        (None, None),
    ],
)
def test_a_foreign_host_or_origin_cannot_open_the_websocket(host, origin):
    assert _run("websocket", host, origin) == [{"type": "websocket.close", "code": 1008}]


@pytest.mark.parametrize(
    ("host", "origin"),
    [
        ("127.0.0.1:8501", "http://127.0.0.1:8501"),
        ("localhost:8501", "http://localhost:8501"),
        ("LOCALHOST:8501", "http://localhost:8501"),
        ("127.0.0.1:8501", None),  # not a browser: a foreign page cannot leave Origin out
    ],
)
def test_the_apps_own_addresses_open_the_websocket(host, origin):
    assert _run("websocket", host, origin) == [{"type": "websocket.accept"}]


def test_a_page_asked_for_by_a_foreign_host_is_refused():
    sent = _run("http", "rebind.example:8501")
    assert sent[0]["status"] == 403
    assert b"ok" not in b"".join(m.get("body", b"") for m in sent)


def test_every_page_carries_a_framing_policy():
    headers = dict(_run("http", "127.0.0.1:8501")[0]["headers"])
    assert headers[b"x-frame-options"] == b"SAMEORIGIN"
    assert b"frame-ancestors 'self'" in headers[b"content-security-policy"]


def test_with_no_allowed_hosts_configured_the_guard_keeps_to_loopback():
    assert serve.host_allowed("localhost:1", serve.LOOPBACK_HOSTS)
    assert not serve.host_allowed("rebind.example:1", serve.LOOPBACK_HOSTS)


def test_the_guard_wraps_the_app_streamlit_builds():
    from streamlit.web.server.starlette import starlette_server

    original = starlette_server.create_starlette_app
    try:
        serve.install_guard()
        assert starlette_server.create_starlette_app is not original, "Streamlit's app factory moved"
    finally:
        starlette_server.create_starlette_app = original


# 2/ MARKUP IN CHART LABELS: drawn as text, on the figure objects the pages draw
MARKUP = {"place": "<b>Jia</b>", "type": "<i>Funding</i>", "indicator": "<b>Floor</b>", "label": "<i>Street</i>"}


@pytest.fixture
def markup_bundle(tmp_path):
    doc = factories.document()
    doc["cities"][0]["en"] = MARKUP["place"]
    next(t for t in doc["metric_types"] if t["id"] == "funding")["en"] = MARKUP["type"]
    doc["indicators"][0]["en"] = MARKUP["indicator"]
    next(m for m in doc["metrics"] if m["id"] == "jia-street-floor")["label_en"] = MARKUP["label"]
    return bundle.build(factories.write(tmp_path, doc))


def _tick_text(fig) -> str:
    """Every string of the figure but its hover texts (which carry the views' own <b>/<br> markup)."""
    spec = fig.to_plotly_json()
    for tr in spec["data"]:
        tr.pop("hovertext", None)
        tr.pop("hovertemplate", None)
    return json.dumps(spec, ensure_ascii=False, default=str)


def test_overview_draws_markup_in_place_and_type_names_as_text(markup_bundle):
    b = markup_bundle
    drawn = _tick_text(overview.overview_bars(b.frame, b.cities, b.metric_types, "en"))
    for raw in (MARKUP["place"], MARKUP["type"]):
        assert raw not in drawn
        assert html.escape(raw) in drawn


def test_compare_draws_markup_in_labels_places_and_indicators_as_text(markup_bundle):
    b = markup_bundle
    df = compare.select(b.frame, Filters(type=("funding",)))
    rows = compare.chart_rows(df, b.cities, b.indicators, b.metric_types, "en")
    drawn = _tick_text(compare.compare_bars(rows, b.cities, "en"))
    for raw in (MARKUP["place"], MARKUP["indicator"], MARKUP["label"]):
        assert raw not in drawn
        assert html.escape(raw) in drawn


# 3/ CSV FORMULA INJECTION: a formula-like text cell gets a leading ', a number stays a number
FORMULAS = ["=HYPERLINK(1)", "+SUM(1)", "-1+2", "@cmd", "\tx", "\rx"]


def _csv(blob: bytes | str) -> list[list[str]]:
    text = blob.decode("utf-8") if isinstance(blob, bytes) else blob
    return list(csv.reader(io.StringIO(text, newline="")))


def test_a_view_download_quotes_formulas_and_keeps_negative_numbers():
    df = pd.DataFrame({"label": [*FORMULAS, "-5", "plain"], "value": [-3.5, -1, 2, 0, 1, 2, 3, 4]})
    shown = downloads.Shown(labels={"label": "Label", "value": "Value"})
    blob = downloads.view_file(df, shown, "csv")
    assert "\n'\rx," in blob.decode()  # Python's csv leaves a lone CR unquoted; a reader would split there
    rows = _csv(blob.replace(b"'\rx", b"'CR"))
    assert rows[0] == ["Label", "Value"]
    assert [r[0] for r in rows[1:]] == [*("'" + f for f in FORMULAS[:-1]), "'CR", "-5", "plain"]
    assert rows[1][1] == "-3.5" and rows[2][1] == "-1.0"  # numbers as numbers, not '-3.5
    # the JSON twin keeps the text verbatim
    assert json.loads(downloads.view_file(df, shown, "json"))[0]["Label"] == FORMULAS[0]


@pytest.fixture
def formula_dataset(tmp_path):
    doc = factories.document()
    next(m for m in doc["metrics"] if m["id"] == "jia-secretaries")["label_en"] = "=1+2"
    next(m for m in doc["metrics"] if m["id"] == "yi-centers")["label_en"] = "@SUM(A1)"
    return load(factories.write(tmp_path, doc))


def test_the_data_package_and_the_cli_export_quote_formulas(formula_dataset, tmp_path):
    ds = formula_dataset
    pkg = export_package.write(export_tables.from_dataset(ds), tmp_path / "pkg")
    for rows in (_csv((pkg / "figures.csv").read_bytes()), _csv(derive.export_csv(derive.frame(ds)))):
        head = rows[0]
        by_id = {r[head.index("id")]: r for r in rows[1:]}
        assert by_id["jia-secretaries"][head.index("label_en")] == "'=1+2"
        assert by_id["yi-centers"][head.index("label_en")] == "'@SUM(A1)"
        assert by_id["jia-secretaries"][head.index("value")] in ("12", "12.0")


@pytest.mark.parametrize("number", ["-3", "-3.5", "+7", "-2e3", "-.5"])
def test_a_number_written_as_text_is_not_quoted(number):
    assert csv_safe.cell(number) == number


# 4/ CONTROL CHARACTERS AND BIDI OVERRIDES: refused in ids, titles, names, citations; shown in texts
RLO, BEL = "\u202e", "\x07"
NEW_TEXT = "本期邀请了甲省甲市的同志交流。\n甲省甲市:服务进小区\n全市建成驿站35个。\n"


@pytest.mark.parametrize(
    ("section", "field", "value", "shown"),
    [
        ("sources", "title_en", f"Report {RLO}txt.exe", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("sources", "author", f"Ann{BEL}", "U+0007"),
        ("sources", "url", f"https://example.org/{RLO}gpj", "U+202E"),
        ("sources", "publisher_zh", "出版\u2066社", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("cities", "en", f"Jia{chr(0x9B)}", "U+009B"),
    ],
)
def test_hidden_characters_in_titles_names_and_citations_are_refused(tmp_path, section, field, value, shown):
    doc = factories.document()
    doc[section][0][field] = value
    path = factories.write(tmp_path, doc)
    with pytest.raises(FiguresError) as err:
        load(path)
    line = next(p for p in str(err.value).splitlines() if f"{section}[0].{field}" in p)
    assert line.startswith(f"{path}:") and shown in line and "refused" in line


def test_add_source_refuses_a_title_with_a_bidi_override_and_writes_nothing(tmp_path):
    path = factories.write(tmp_path)
    new = tmp_path / "new.txt"
    new.write_text(NEW_TEXT, encoding="utf-8")
    before = sorted(p.name for p in tmp_path.rglob("*")), path.read_bytes()
    with pytest.raises(add_source.AddSourceError, match="title_en: .*U\\+202E RIGHT-TO-LEFT OVERRIDE"):
        add_source.add_source(path, new, "rlo-test", title_en=f"Notes {RLO}fdp.exe")
    assert (sorted(p.name for p in tmp_path.rglob("*")), path.read_bytes()) == before


def test_a_text_keeps_its_hidden_characters_and_the_reader_shows_them(tmp_path):
    path = factories.write(tmp_path)
    new = tmp_path / "new.txt"
    raw = (RLO + NEW_TEXT.replace("35个", f"35{BEL}个")).encode("utf-8")
    new.write_bytes(raw)
    add_source.add_source(path, new, "hidden-test")  # no title given: the first line, without the override
    ds = load(path)
    assert (tmp_path / "source" / "hidden-test.txt").read_bytes() == raw  # verbatim
    assert RLO not in ds.sources["hidden-test"].title_zh
    out = highlight.render(raw.decode("utf-8"), [])
    assert RLO not in out and BEL not in out
    assert "⟨U+202E⟩" in out and "⟨U+0007⟩" in out


# 5/ READ-ONLY FILES: never replaced by add-source, a save or a draft
ACCEPT = [curation.Set("fxc-grid-workers", "label_en", "Grid workers"), curation.Accept("fxc-grid-workers")]


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and mode; the savers' empty lock file does not count."""
    files = (p for p in folder.rglob("*") if p.is_file() and p.name != ".lock")
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mode) for p in files}


def test_add_source_never_replaces_a_read_only_metrics_file(tmp_path):
    path = factories.write(tmp_path)
    new = tmp_path / "new.txt"
    new.write_text(NEW_TEXT, encoding="utf-8")
    path.chmod(0o444)
    before = _snapshot(tmp_path)
    with pytest.raises(add_source.AddSourceError, match=r"metrics.yaml is read-only \(mode 0444\)"):
        add_source.add_source(path, new, "readonly-test")
    assert _snapshot(tmp_path) == before


def test_a_save_never_replaces_a_read_only_figure_file(tmp_path):
    metrics, sid = curation_data.make(tmp_path)
    sheet = curation.open_sheet(metrics, sid)
    sheet.path.chmod(0o444)
    before = _snapshot(metrics.parent)
    with pytest.raises(curation.CurationError, match="read-only"):
        curation.save(curation.apply(sheet, ACCEPT))
    assert _snapshot(metrics.parent) == before  # and no history version of a save that did not happen


def test_an_undo_never_replaces_a_read_only_figure_file(tmp_path):
    metrics, sid = curation_data.make(tmp_path)
    saved = curation.save(curation.apply(curation.open_sheet(metrics, sid), ACCEPT))
    saved.path.chmod(0o444)
    before = _snapshot(metrics.parent)
    with pytest.raises(curation.CurationError, match="read-only"):
        curation.undo(saved)
    assert _snapshot(metrics.parent) == before


def test_a_draft_never_replaces_a_read_only_figure_file(tmp_path):
    metrics, sid = curation_data.make(tmp_path, drafts=[])
    figures = metrics.parent / "figures" / f"{sid}.yaml"
    figures.chmod(0o444)
    before = _snapshot(metrics.parent)
    out = subprocess.run(
        [sys.executable, "-m", "drafting", "draft", sid, "--file", str(metrics), "-o", str(figures)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert "read-only (mode 0444)" in out.stderr
    assert _snapshot(metrics.parent) == before


# 6/ SYMLINKS AND FIFOS: a text or figure file must be a regular file inside the data folder
def _problems(path: Path) -> list[str]:
    with pytest.raises(FiguresError) as err:
        load(path)
    return str(err.value).splitlines()


def _pin(tmp_path: Path, raw: bytes) -> Path:
    """The factory's data with its source text's sha256 pinned to raw (an attacker can pin any file)."""
    doc = factories.document()
    doc["sources"][0]["sha256"] = hashlib.sha256(raw).hexdigest()
    return factories.write(tmp_path, doc)


def test_a_source_text_linked_outside_the_data_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(factories.SOURCE_TEXT, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    path = _pin(data, secret.read_bytes())
    (data / "source" / "text.txt").unlink()
    (data / "source" / "text.txt").symlink_to(secret)
    found = [p for p in _problems(path) if "sources[0].file: cannot read source text" in p]
    assert found and "outside the data folder" in found[0], found


def test_a_source_text_that_is_a_symlink_inside_the_data_folder_is_refused(tmp_path):
    path = factories.write(tmp_path)
    (tmp_path / "source" / "text.txt").rename(tmp_path / "source" / "real.txt")
    (tmp_path / "source" / "text.txt").symlink_to(tmp_path / "source" / "real.txt")
    assert any("sources[0].file: " in p and "is a symbolic link" in p for p in _problems(path))


def _in_thread(fn, *args):
    """fn(*args) in a thread; its result or exception, or 'blocked' when it has not returned within 30 s."""
    out: list = []

    def run():
        try:
            out.append(fn(*args))
        except Exception as exc:  # noqa: BLE001 - handed back to the test
            out.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(30)
    return out[0] if out else "blocked"


def test_a_source_text_that_is_a_fifo_is_refused_without_blocking(tmp_path):
    path = _pin(tmp_path, b"")
    (tmp_path / "source" / "text.txt").unlink()
    os.mkfifo(tmp_path / "source" / "text.txt")
    result = _in_thread(load, path)
    assert isinstance(result, FiguresError), result
    assert any("sources[0].file: " in p and "is a FIFO" in p for p in str(result).splitlines())


@pytest.mark.parametrize("kind", ["symlink", "fifo"])
def test_a_figure_file_that_is_not_a_regular_file_is_refused(tmp_path, kind):
    metrics, sid = curation_data.make(tmp_path)
    figures = metrics.parent / "figures" / f"{sid}.yaml"
    real = tmp_path / "elsewhere.yaml"
    figures.rename(real)
    if kind == "symlink":
        figures.symlink_to(real)
    else:
        os.mkfifo(figures)
    result = _in_thread(load, metrics)
    assert isinstance(result, FiguresError), result
    why = "outside the data folder" if kind == "symlink" else "is a FIFO"
    assert any(".figures: cannot use figure file" in p and why in p for p in str(result).splitlines()), result
    sheet = _in_thread(curation.open_sheet, metrics, sid)  # the Curate page refuses it the same way
    assert isinstance(sheet, curation.CurationError) and why in str(sheet), sheet


# 7/ AVAILABILITY: bounded work on hostile texts and addresses (work counted, not timed: bench/hostile.py times it)
LOADERS = str(ROOT / "loaders")


def _lines_run(fn, *args) -> int:
    """How many lines of loaders/ code fn(*args) executes: a measure of work that no machine load changes."""
    n = 0

    def local(frame, event, arg):
        nonlocal n
        if event == "line":
            n += 1
        return local

    def call(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(LOADERS) else None

    sys.settrace(call)
    try:
        fn(*args)
    finally:
        sys.settrace(None)
    return n


def test_place_detection_work_grows_linearly_with_mentions():
    cities = {
        "jia": Place(id="jia", zh="甲市", en="Jia", level="city"),
        "jia-east": Place(id="jia-east", zh="甲市东区", en="Jia East", level="district", parent="jia"),
    }

    def work(n: int) -> int:
        return _lines_run(add_source.detect, "本期邀请了甲市的同志。\n" + "甲市东区和甲市,\n" * n, cities)

    small, large = work(1_000), work(4_000)
    assert large <= 4.4 * small, (small, large)  # the list of claimed spans made it 16 times


def test_place_detection_considers_a_bounded_number_of_headings(monkeypatch):
    calls = []
    monkeypatch.setattr(add_source, "_names", lambda heading, c: calls.append(heading) or c.zh in heading)
    cities = {"jia": Place(id="jia", zh="甲市", en="Jia", level="city")}
    add_source.detect("甲市:开头\n" + "乙:丙\n" * 5_000, cities)
    assert len(calls) <= add_source.MAX_HEADINGS


def test_drafting_a_text_with_too_many_numbers_stops_with_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr(draft, "MAX_PROPOSALS", 4)
    metrics, sid = curation_data.make(tmp_path, drafts=[])
    ds = load(metrics)
    ctx = draft.context(ds, sid)
    assert len(draft.draft("甲市建成1个驿站、2个中心、3个站点。", ctx).proposals) == 3  # under the cap: drafted
    text = "，".join(f"建成{i}个驿站" for i in range(1, 10)) + "。"
    with pytest.raises(draft_write.DraftInputError, match="this text has 9 numbers; drafting stops at 4; split it"):
        draft.draft(text, ctx)


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as fh:
        fh.truncate(size)  # no disk used: the size alone is refused, before a byte is read


def test_a_figure_file_larger_than_the_loader_accepts_is_refused_by_the_curate_page_and_the_drafter(tmp_path):
    metrics, sid = curation_data.make(tmp_path)
    figures = metrics.parent / "figures" / f"{sid}.yaml"
    _sparse(figures, yamlfile.MAX_BYTES + 1)
    with pytest.raises(curation.CurationError, match="the limit is"):
        curation.open_sheet(metrics, sid)
    with pytest.raises(FiguresError, match="the limit is"):
        draft_write.read_figure_file(figures)


def test_an_address_of_2000_repeated_keys_gets_a_notice():
    f = filters.parse({"city": ["jia"] * 2_000}, {"city": {"jia"}})
    assert f.city == () and len(f.notices) == 1
    assert "2,000 values" in f.notices[0] and "ignored" in f.notices[0]


def test_thousands_of_unknown_keys_give_a_bounded_list_of_notices():
    f = filters.parse({f"k{i}": "1" for i in range(filters.MAX_VALUES)}, {})
    assert len(f.notices) == filters.MAX_NOTICES + 1 and f.notices[-1].startswith("and ")


@pytest.mark.app
def test_the_page_shows_the_notice_for_2000_repeated_keys():
    from apptest import open_page

    assert compat.SANITIZERS  # imported first: the first run of this process reads the address too
    at = open_page(city=["guangzhou"] * 2_000)
    assert not at.exception
    warned = [w.value for w in at.warning if "2,000 values" in w.value]
    assert len(warned) == 1, [w.value for w in at.warning]


def test_the_completeness_scan_work_grows_linearly_with_skipped_numbers():
    def work(n: int) -> int:
        return _lines_run(scan.scan, "第1节，" * n)  # every number an ordinal the drafter skips

    small, large = work(500), work(2_000)
    assert large <= 4.4 * small, (small, large)  # looking up each number's skip made it 16 times


def test_the_curate_page_skips_the_scan_of_a_text_with_too_many_numbers_and_says_so(tmp_path, monkeypatch):
    metrics, sid = curation_data.make(tmp_path)
    sheet = curation.open_sheet(metrics, sid)
    n = scan.number_count(sheet.text)
    result = curation.check(sheet)
    assert result.ok and curation.uncovered(sheet, result) is not None  # under the limit: scanned
    monkeypatch.setattr(scan, "MAX_NUMBERS", n - 1)
    assert curation.uncovered(sheet, result) is None
    summary = curate_view.summary(curate_view.begin(sheet), result)
    assert summary.uncovered is None and summary.numbers == n


def test_add_source_never_writes_through_a_dangling_symlink(tmp_path):
    path = factories.write(tmp_path)
    new = tmp_path / "new.txt"
    new.write_text(NEW_TEXT, encoding="utf-8")
    (tmp_path / "source" / "link-test.txt").symlink_to(tmp_path / "elsewhere.txt")  # points at nothing yet
    with pytest.raises(add_source.AddSourceError, match="exists already"):
        add_source.add_source(path, new, "link-test")
    assert not (tmp_path / "elsewhere.txt").exists()


@pytest.mark.slow
def test_the_hostile_bench_appends_its_table(tmp_path):
    report = tmp_path / "report.md"
    report.write_text("# Earlier report\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "bench.hostile", str(report), "--sizes", "0.01,0.02", "--shapes", "mentions"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    doc = report.read_text(encoding="utf-8")
    assert doc.startswith("# Earlier report\n")  # appended, not replaced
    for step in ("add-source", "draft", "open sheet"):
        row = next(line for line in doc.splitlines() if line.startswith(f"| {step} |"))
        assert " s |" in row and " MB |" in row, row
    assert "| mentions | 0.02 MB | add-source |" in doc and "| ok |" in doc
