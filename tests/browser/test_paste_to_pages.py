"""Issue 19, tried as a new curator would: three texts of our own (tests/place_texts.py) each go from a paste on the
Curate page to reviewed figures on every viewer page, with the page alone (no editor, no command line).

Per text, in one `make curate` server on a copy of a small fixture dataset: Register the pasted text; the Places
step proposes the places it names (China's divisions, and the places below the county from the text itself), the
curator checks them and saves; Draft proposals; every proposal is reviewed with the keyboard (English labels
typed, one Chinese label mended, one place corrected, one proposal rejected); Save. Then the same server's viewer
pages show that source's figures and places: Overview, Compare, the place's profile, Data, Gaps, Reader.
Facts are asserted by quote and figure id, never by counts of the repository's data.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import pytest
from browser_support import ROOT, Server, grid_rows, main, poll, query_of, sidebar, wait_ready
from playwright.sync_api import Page, expect

sys.path.insert(0, str(ROOT / "tests"))
import factories as fx  # noqa: E402
from place_texts import COUNTY, SUBDISTRICT, SURVEY  # noqa: E402

from loaders.dataset import load  # noqa: E402
from ui.registry import PAGES  # noqa: E402
from views.i18n import GAP_MARK, t  # noqa: E402

WAIT = 30_000  # a rerun validates the whole dataset; the machine is shared


class CurateServer(Server):
    """`make curate` itself on a free port (CURATE=1, loopback only): the curators' command."""

    def command(self) -> list[str]:
        return ["make", "-s", "--no-print-directory", "curate", f"PORT={self.port}", f"PYTHON={sys.executable}"]


@dataclass(frozen=True)
class Act:
    """The curator's decision on the proposal whose quote holds `number`."""

    number: str  # a number of the text as written ("86个"), or a deleted number's words ("专职网格员名")
    key: str = "a"  # a: accept (Enter in the English label field), x: reject
    en: str = ""  # the English label typed
    zh: str = ""  # a Chinese label mended
    place: str = ""  # a place picked in the form instead of the drafter's


@dataclass(frozen=True)
class Case:
    text: str
    sid: str
    title: str
    places: dict[str, tuple[str, str, str]]  # place id -> (zh, parent, code or "") proposed in the Places step
    main_place: str | None
    acts: tuple[Act, ...]
    where: dict[str, str]  # number -> the place its saved figure concerns
    profile: str  # the place the City page is opened on
    named: tuple[str, ...] = field(default=())  # places as the Gaps tables name them (level, province if several)


CASES = {
    "subdistrict": Case(
        SUBDISTRICT,
        "paste-subdistrict",
        "Chengyang Subdistrict on its grid work",
        {
            "qingdao": ("青岛市", "shandong", "370200"),
            "chengyang": ("城阳区", "qingdao", "370214"),
            "chengyang_subdistrict": ("城阳街道", "chengyang", ""),
            "gumiao": ("古庙社区", "chengyang_subdistrict", ""),
        },
        "chengyang_subdistrict",
        (
            Act("86个", en="Grid cells"),
            # the drafter gives the deleted number to the last community named; the sentence is the subdistrict's
            Act("专职网格员名", en="Full-time grid workers", place="chengyang_subdistrict"),
            Act("1200户", en="Households visited", zh="走访居民"),  # its drafted label lost a character
            Act("15万元", en="Funding per community"),
        ),
        {"86个": "chengyang_subdistrict", "专职网格员名": "chengyang_subdistrict", "15万元": "chengyang"},
        "chengyang_subdistrict",
        ("Chengyang Subdistrict · 城阳街道 (subdistrict)", "Chengyang District · 城阳区 (district)"),
    ),
    "county": Case(
        COUNTY,
        "paste-county",
        "Wenshang County links villages and communities",
        {
            "wenshang": ("汶上县", "jining", "370830"),
            "nanzhan": ("南站镇", "wenshang", ""),
            "xiguo": ("西郭村", "nanzhan", ""),
            "dongmen": ("东门社区", "zhongdu", ""),
            "china": ("中国", "", ""),
        },
        "wenshang",
        (
            Act("12个", key="x"),  # rejected: the pilot's scope, not a figure the curator keeps
            Act("9个", en="Convenience service stations"),
            Act("300余名", en="Volunteers serving at home"),
            Act("20多个", en="Counties that came to learn"),  # a national figure: the country is its place
            Act("专职网格员名", en="Full-time grid workers per village"),  # deleted: the county's own blank
        ),
        {"9个": "xiguo", "300余名": "dongmen", "20多个": "china", "专职网格员名": "wenshang"},
        "dongmen",
        ("Xiguo Village · 西郭村 (village)", "China · 中国 (country)", "Wenshang County · 汶上县 (county)"),
    ),
    "survey": Case(
        SURVEY,
        "paste-survey",
        "A survey of three districts",
        {
            "chengqu": ("城区", "jincheng", "140502"),  # one of the several 城区: told apart by 晋城 before it
            "gulou": ("鼓楼区", "fuzhou", "350102"),
            "jinniu": ("金牛区", "chengdu", "510106"),
        },
        None,  # three places side by side: no main place
        (
            Act("15个", en="Party-mass service centres"),
            Act("网格员名", en="Grid workers"),
            Act("20万元", en="Community work funding"),
        ),
        {"15个": "chengqu", "网格员名": "gulou", "20万元": "jinniu"},
        "chengqu",
        ("Chengqu District · 城区 (Shanxi)", "Gulou District · 鼓楼区 (Fujian)"),  # which 城区, which 鼓楼区
    ),
}


@pytest.fixture
def data(tmp_path):
    """A fresh copy of the small fixture dataset (factories), never the repository's data/."""
    (tmp_path / "data").mkdir()
    return fx.write(tmp_path / "data")


def _title(name: str) -> str:
    return t(next(p.title_key for p in PAGES if p.url == name), "en")


def _open(page: Page, srv: Server, name: str, query: str) -> None:
    """The page with that query: by its sidebar link when the view already has that query (the filters live in
    the session and the address, as a reader clicking through keeps them), else by its address."""
    if page.url.startswith(srv.url("/")) and query_of(page) == dict(parse_qsl(query)):
        sidebar(page).get_by_role("link", name=re.compile(re.escape(_title(name)) + "$")).click()
        page.wait_for_url(re.compile(rf"/{name}\?"))
        expect(main(page).locator("h1")).to_have_text(_title(name))  # the new page's run began: settle after it
    else:
        page.goto(srv.url(f"/{name}", query), wait_until="domcontentloaded")
    wait_ready(page, _title(name))
    assert query_of(page) == dict(parse_qsl(query)), page.url


def _every_column(page: Page, grid) -> list[dict[str, str]]:
    """The rows of an st.dataframe with every column: its accessible table holds the columns in view only, so
    the grid is read, scrolled to its right end and read again."""
    left = grid_rows(grid)
    scroller = grid.locator(".dvn-scroller")
    if scroller.evaluate("e => e.scrollWidth <= e.clientWidth"):
        return left  # every column in view already
    scroller.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    # the columns in view change once the grid has drawn the scroll (the two reads may overlap)
    right = poll(lambda: (rows := grid_rows(grid)) and set(rows[0]) != set(left[0]) and rows, timeout=3)
    right = right or grid_rows(grid)
    return [a | b for a, b in zip(left, right, strict=True)]


def _reviewed(page: Page, n: int, total: int) -> None:
    expect(main(page).get_by_text(f"{n} of {total} reviewed")).to_be_visible(timeout=WAIT)
    wait_ready(page)


def _current(page: Page) -> str:
    """The id of the proposal the one-at-a-time form shows (its fields' keys carry it)."""
    cls = main(page).locator("[class*='st-key-curate_f_'][class*='_label_en']").first.get_attribute("class")
    return re.search(r"st-key-curate_f_(\S+)_label_en", cls).group(1)


def _field(page: Page, rid: str, name: str):
    return main(page).locator(f".st-key-curate_f_{rid}_{name}")


def _pick_place(page: Page, rid: str, label: str) -> None:
    _field(page, rid, "city").get_by_role("combobox").click()
    page.get_by_role("option", name=label, exact=True).click()


def _act(page: Page, rid: str, act: Act, cities: dict) -> None:
    if act.place:  # the form's place choices: the source's places, in both languages
        _pick_place(page, rid, f"{cities[act.place].en} · {cities[act.place].zh}")
    if act.zh:
        _field(page, rid, "label_zh").get_by_role("textbox").fill(act.zh)
    if act.key == "a":
        box = _field(page, rid, "label_en").get_by_role("textbox")
        box.fill(act.en)
        box.press("Enter")  # Enter in a field accepts with the edits
    else:
        main(page).get_by_test_id("stProgress").click()  # out of any field: the key decides
        page.keyboard.press(act.key)


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_a_pasted_text_goes_to_reviewed_figures_on_every_page_with_the_curate_page_alone(
    new_page, data, tmp_path_factory, request, case
):
    srv = CurateServer(tmp_path_factory.mktemp("server") / "curate.log", env={"METRICS_FILE": str(data)}).start()
    request.node._servers = [srv]  # its log goes into a failure report
    try:
        page = new_page(new_page.context())
        page.set_viewport_size({"width": 1600, "height": 1100})
        _walk_curate(page, srv, data, case)
        _walk_viewer(page, srv, data, case)
    finally:
        srv.stop()


# 1/ CURATE: register, places, draft, review, save
def _walk_curate(page: Page, srv: Server, data, case: Case) -> None:
    page.goto(srv.url("/curate"), wait_until="domcontentloaded")
    wait_ready(page, "Curate")
    body = main(page)

    # paste and register (add-source's own code and checks)
    body.get_by_text("Register a new text").click()
    body.get_by_label("Source id").fill(case.sid)
    body.get_by_label("Title (English)").fill(case.title)
    body.get_by_label("Paste the text").fill(case.text)
    body.get_by_role("button", name="Register").click()
    expect(body.get_by_text(f"Registered {case.sid}.")).to_be_visible(timeout=WAIT)
    wait_ready(page)
    body.get_by_text("Register a new text").click()  # fold the form away again

    # the Places step: every place the text names proposed from the divisions, checked, then saved
    expect(body.get_by_text("Places the text names (before drafting)")).to_be_visible(timeout=WAIT)
    grid = body.get_by_test_id("stDataFrame").first
    expect(grid).to_be_visible(timeout=WAIT)
    grid.scroll_into_view_if_needed()
    proposed = {r["id"]: r for r in _every_column(page, grid)}
    for pid, (zh, parent, code) in case.places.items():
        assert pid in proposed, (pid, sorted(proposed))
        row = proposed[pid]
        assert (row["zh"], row["parent"], row["code"]) == (zh, parent, code), row
        assert row["problem"] == "" and row["accept"] == "true", row
    main_box = body.get_by_role("combobox", name=re.compile("^Main place"))  # proposed from the opening
    expect(main_box).to_have_value(case.main_place or "none")
    body.get_by_role("button", name="Save places").click()
    expect(body.get_by_text(re.compile(r"^Saved \d+ new places"))).to_be_visible(timeout=WAIT)
    wait_ready(page)
    saved = load(data)
    assert saved.sources[case.sid].main_place == case.main_place

    # draft: every proposal's place is accepted now, none is held back
    body.get_by_role("button", name="Draft proposals").click()
    expect(body.get_by_text("Drafted:", exact=False)).to_be_visible(timeout=WAIT)
    expect(body.get_by_text("held back", exact=False)).to_have_count(0)
    wait_ready(page)
    drafts = {m.id: m for m in load(data).metrics if m.source == case.sid}
    assert all(m.draft for m in drafts.values())

    # one at a time, with the keyboard: the decision for each proposal follows from its quote
    total = len(drafts)
    for n in range(total):
        _reviewed(page, n, total)
        rid = _current(page)
        act = next((a for a in case.acts if a.number in drafts[rid].quote), None)
        assert act is not None, f"a proposal the test has no decision for: {drafts[rid].quote}"
        _act(page, rid, act, saved.cities)
    _reviewed(page, total, total)
    body.get_by_role("button", name="Save", exact=True).click()
    expect(body.get_by_text(re.compile("^Saved "))).to_be_visible(timeout=WAIT)
    wait_ready(page)


def _saved(data, case: Case) -> dict[str, object]:
    """The saved figures of the source, by the number of the text each one holds (by its quote)."""
    ds = load(data)
    mine = [m for m in ds.metrics if m.source == case.sid]
    out = {}
    for act in case.acts:
        found = [m for m in mine if act.number in m.quote]
        assert len(found) == (act.key == "a"), (act, found)
        if found:
            out[act.number] = found[0]
    assert len(out) == len(mine) and not any(m.draft for m in mine)
    return out


# 2/ THE VIEWER PAGES, IN THE SAME SERVER
def _walk_viewer(page: Page, srv: Server, data, case: Case) -> None:
    figs = _saved(data, case)
    ds = load(data)
    for act in case.acts:  # what the review wrote, as the loader reads it
        if act.key == "x":  # kept in the file's rejected list, so that drafting again does not propose it
            assert any(act.number in r.quote for r in ds.rejected[case.sid]), act
            continue
        m = figs[act.number]
        assert m.label_en == act.en and (not act.zh or m.label_zh == act.zh), m
        assert m.city == case.where.get(act.number, m.city), (act.number, m.city)
    blanks = {m.id for m in figs.values() if m.status == "blank"}
    assert blanks, "each text deletes a number: its blank must reach the pages"
    q = f"source={case.sid}"

    # the pages of the source (by address, then as a reader clicks through), then Compare and the profile
    # Overview: the source's figures counted; no "0 / 0 places with a section" for a text that has no sections
    _open(page, srv, "overview", q)
    body = main(page)
    expect(body.get_by_test_id("stMetric").filter(has_text="Figures").first).to_contain_text(str(len(figs)))
    expect(body.get_by_text("Places with a section in their source")).to_have_count(0)
    expect(body.get_by_test_id("stMetric").filter(has_text="Places the figures concern")).to_be_visible()
    chart = body.get_by_test_id("stPlotlyChart").first
    for m in figs.values():
        expect(chart).to_contain_text(ds.cities[m.city].en)

    # Data: every saved figure of the source; a blank's value is an empty cell, never 0
    _open(page, srv, "data", q)
    rows = _expect_figures(page, figs, ds, label="Figure", link="In the text")
    for fid in blanks:
        assert rows[fid]["Value"] == "", rows[fid]

    # Gaps: the blank in its sentence with the gap mark; the places named with their level (and province)
    _open(page, srv, "gaps", q)
    body = main(page)
    listing = body.get_by_test_id("stDataFrame").filter(has_text="Around the figure").first
    sentences = {r["Figure"]: r for r in _every_column(page, listing)}
    for fid in blanks:
        m = next(x for x in figs.values() if x.id == fid)
        row = sentences[m.label_en]
        assert f"{m.anchor}{GAP_MARK}" in row["Sentence"] and row["Status"] == "Blank (number deleted)", row
        assert row["City"].startswith(f"{ds.cities[m.city].en} · {ds.cities[m.city].zh}"), row
    matrix = {r["City"] for r in _every_column(page, body.get_by_test_id("stDataFrame").first)}
    assert set(case.named) <= matrix, matrix

    # Reader: exactly the accepted figures marked in the text, each blank a gap mark, the rejected one unmarked
    _open(page, srv, "reader", q)
    expect(main(page).locator(".reader").first).to_be_visible()
    anchors = main(page).locator(".reader .fig-anchor")
    expect(anchors).to_have_count(len(figs))
    assert {a.get_attribute("id") for a in anchors.all()} == {f"fig-{m.id}" for m in figs.values()}
    expect(main(page).locator(".reader .gap")).to_have_count(len(blanks))

    # Compare, by the figures' metric type: each figure as written beside its place, a blank never a number
    kinds = ",".join(sorted({m.type for m in figs.values()}))
    _open(page, srv, "compare", f"{q}&type={kinds}")
    _expect_figures(page, figs, ds, label="Figure", link="In the text")

    # the place's profile: its name as the heading, its figures by label
    _open(page, srv, "city", f"profile={case.profile}")
    body = main(page)
    here = ds.cities[case.profile]
    expect(body.get_by_role("heading", name=re.compile(re.escape(here.en)))).to_be_visible()
    parent = ds.cities[here.parent]  # where it lies: its parent named under the heading
    expect(body.get_by_test_id("stCaptionContainer").filter(has_text=f" in {parent.en} · {parent.zh}")).to_be_visible()
    for m in figs.values():
        if m.city == case.profile:
            expect(body.get_by_test_id("stDataFrame").filter(has_text=m.label_en).first).to_be_attached()
    expect(body.get_by_text("has no section for it")).to_have_count(0)  # a place simply named is never missing


def _expect_figures(page: Page, figs: dict, ds, label: str, link: str) -> dict[str, dict[str, str]]:
    """The page's first table holds every saved figure (by the id its reader link opens), each with its English
    label, its place and its value as written; a blank as the gap mark and "not in source", never a number."""
    rows = {}
    for r in _every_column(page, main(page).get_by_test_id("stDataFrame").first):
        rows[re.search(r"[?&]id=([^&]+)", r[link]).group(1)] = r
    for m in figs.values():
        row = rows[m.id]
        assert row[label].startswith(m.label_en), row
        assert row["City"].startswith(f"{ds.cities[m.city].en} · {ds.cities[m.city].zh}"), row
        if m.status == "blank":
            assert row["As written"].startswith(GAP_MARK) and "not in source" in row["As written"], row
        else:
            assert f"{m.value:g}" in row["As written"], row
    return rows
