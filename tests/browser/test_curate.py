"""The Curate page in a real browser, served as `make curate` serves it; then the viewer shows what was saved.

A curator registers a fixture text through the page, drafts it, accepts five proposals, edits one label,
rejects one and saves. The viewer then marks exactly those five figures in that text, the data validates,
and nothing under the data folder changed but the new source, its figure file and the page's history.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sys
from pathlib import Path

import pytest
from browser_support import ROOT, Server, main, wait_ready
from playwright.sync_api import Page, expect

sys.path.insert(0, str(ROOT / "tests"))
import curation_data as cd  # noqa: E402

from loaders.dataset import load  # noqa: E402

COLUMNS = list(__import__("views.curate", fromlist=["COLUMNS"]).COLUMNS)
HEADER_PX = ROW_PX = 35  # st.data_editor's default header and row heights
WAIT = 30_000  # a rerun validates the whole dataset; the machine is shared


class CurateServer(Server):
    """`make curate` itself on a free port: the curators' command, with CURATE=1 and 127.0.0.1 from the Makefile."""

    def command(self) -> list[str]:
        return ["make", "-s", "--no-print-directory", "curate", f"PORT={self.port}", f"PYTHON={sys.executable}"]


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _listening_address(port: int) -> set[str]:
    """Local addresses a TCP socket listens on for port (from /proc/net/tcp and tcp6)."""
    found = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(name).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, p = local.rsplit(":", 1)
            if int(p, 16) == port and state == "0A":  # LISTEN
                found.add(addr)
    return found


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(cd.FIXTURE, folder)
    return folder / "metrics.yaml"


def _grid(page: Page):
    return main(page).get_by_test_id("stDataFrame").first


def _unsaved(page: Page, n: int) -> None:
    expect(main(page).get_by_text(f"{n} unsaved change(s).")).to_be_visible(timeout=WAIT)
    wait_ready(page)


def _cell(page: Page, row: int, column: str) -> None:
    """Select a cell by keyboard from the first cell of its row (the grid is a canvas)."""
    _grid(page).scroll_into_view_if_needed()
    box = _grid(page).bounding_box()
    page.mouse.click(box["x"] + 12, box["y"] + HEADER_PX + ROW_PX * row + ROW_PX / 2)
    for _ in range(COLUMNS.index(column)):
        page.keyboard.press("ArrowRight")


def _open_editor(page: Page, row: int, column: str, editor: str):
    """Select the cell and press Enter until its editor has the focus (a rerun may re-mount the grid)."""
    for attempt in range(4):
        _cell(page, row, column)
        page.keyboard.press("Enter")
        found = page.locator(editor)
        try:
            expect(found).to_be_focused(timeout=2_000)
            return found
        except AssertionError:
            if attempt == 3:
                raise
            page.keyboard.press("Escape")
            wait_ready(page)


def _type_into(page: Page, row: int, column: str, text: str) -> None:
    editor = _open_editor(page, row, column, ".gdg-input")
    editor.fill(text)
    editor.press("Enter")  # commit: the page reruns with the change


def test_register_draft_review_save_then_the_viewer_shows_exactly_that(new_page, data, tmp_path_factory, request):
    before = _tree(data.parent)
    log = tmp_path_factory.mktemp("server") / "curate.log"
    env = {"METRICS_FILE": str(data), "CURATE_DRAFTER": "fake_drafter", "PYTHONPATH": str(ROOT / "tests")}
    srv = CurateServer(log, env=env).start()
    request.node._servers = [srv]  # its log goes into a failure report
    try:
        assert _listening_address(srv.port) <= {"0100007F"}, "make curate must listen on 127.0.0.1 only"
        page = new_page(new_page.context())
        page.set_viewport_size({"width": 1600, "height": 1100})
        page.goto(srv.url("/curate"), wait_until="domcontentloaded")
        wait_ready(page, "Curate")

        # 1/ register the fixture text through the page (add-source's code)
        main(page).get_by_text("Register a new text").click()
        main(page).get_by_label("Source id").fill(cd.SOURCE)
        main(page).get_by_label("Title (English)").fill("Fixture brief of East Subdistrict")
        main(page).get_by_label("Paste the text").fill(cd.TEXT)
        main(page).get_by_role("button", name="Register").click()
        expect(main(page).get_by_text(f"Registered {cd.SOURCE}.")).to_be_visible(timeout=WAIT)
        wait_ready(page)
        main(page).get_by_text("Register a new text").click()  # fold the form away again
        registered = _tree(data.parent)

        # 2/ draft it
        main(page).get_by_role("button", name="Draft proposals").click()  # written to the file as drafts
        expect(main(page).get_by_text("Drafted: 6 new proposals")).to_be_visible(timeout=WAIT)
        wait_ready(page)

        # 3/ one at a time: edit one label (Enter accepts with it), accept four by key, reject one (the blank)
        expect(main(page).get_by_text("0 of 6 reviewed")).to_be_visible(timeout=WAIT)
        field = main(page).get_by_label("Label (English)")
        field.fill("Party-mass service stations")
        field.press("Enter")
        for n, key in enumerate("aaxaa", start=2):
            expect(main(page).get_by_text(f"{n - 1} of 6 reviewed")).to_be_visible(timeout=WAIT)
            wait_ready(page)
            main(page).get_by_test_id("stProgress").click()  # out of any field: keys decide
            page.keyboard.press(key)
        expect(main(page).get_by_text("6 of 6 reviewed")).to_be_visible(timeout=WAIT)
        _unsaved(page, 7)

        # 4/ save
        main(page).get_by_role("button", name="Save", exact=True).click()
        expect(main(page).get_by_text(re.compile("^Saved "))).to_be_visible(timeout=WAIT)
        wait_ready(page)
    finally:
        srv.stop()

    # 5/ the file validates and holds exactly the review
    ds = load(data)
    mine = {m.id: m for m in ds.metrics if m.source == cd.SOURCE}
    accepted = {"fxc-stations", "fxc-grid-workers", "fxc-relief", "fxc-activities", "fxc-people"}
    assert set(mine) == accepted
    assert not any(m.draft for m in mine.values())
    assert mine["fxc-stations"].label_en == "Party-mass service stations"
    assert [r.quote for r in ds.rejected[cd.SOURCE]] == ["共组建志愿服务队个"]

    # 6/ nothing else under the data folder changed: the registration added the text, its figure file and
    # its entry in metrics.yaml; the save wrote the figure file and its history only
    after = _tree(data.parent)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    figures = f"figures/{cd.SOURCE}.yaml"
    history = {k for k in changed if k.startswith((f"figures/.history/{cd.SOURCE}/", ".history/glossary/"))}
    # (and the glossary learnt the English labels saved)
    assert changed - history == {"metrics.yaml", f"source/{cd.SOURCE}.txt", figures, "glossary.yaml"}
    since = {k for k in after.keys() | registered.keys() if after.get(k) != registered.get(k)}
    assert since - history == {figures, "glossary.yaml"}  # the Curate page never touches metrics.yaml

    # 7/ the viewer (make run) marks exactly those figures in that text
    viewer = Server(tmp_path_factory.mktemp("server") / "viewer.log", env={"METRICS_FILE": str(data)}).start()
    request.node._servers.append(viewer)
    try:
        page = new_page(new_page.context())
        page.goto(viewer.url("/reader", "id=fxc-relief"), wait_until="domcontentloaded")
        wait_ready(page, "Source reader")
        expect(main(page)).to_contain_text("东街道社区工作简报")
        anchors = main(page).locator(".reader .fig-anchor")
        expect(anchors).to_have_count(len(accepted))
        assert {a.get_attribute("id") for a in anchors.all()} == {f"fig-{i}" for i in accepted}
        expect(main(page).locator(".reader .gap")).to_have_count(0)  # the rejected blank is no figure
        expect(page.get_by_role("link", name=re.compile("Curate"))).to_have_count(0)
    finally:
        viewer.stop()


def test_a_fresh_viewer_does_not_serve_the_curate_page(fresh_server, page, data):
    srv = fresh_server({"METRICS_FILE": str(data)})
    page.goto(srv.url("/curate"), wait_until="domcontentloaded")
    wait_ready(page)
    expect(main(page).get_by_role("button", name="Save", exact=True)).to_have_count(0)
    expect(main(page).get_by_text("Register a new text")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("Curate"))).to_have_count(0)


def test_uploading_a_text_goes_through_add_source_gbk_refused_utf8_registered(new_page, data, tmp_path, request):
    gbk, utf8 = tmp_path / "brief-gbk.txt", tmp_path / "brief.txt"
    gbk.write_bytes(cd.TEXT.encode("gbk"))
    utf8.write_bytes(cd.TEXT.encode("utf-8"))
    srv = CurateServer(tmp_path / "curate.log", env={"METRICS_FILE": str(data)}).start()
    request.node._servers = [srv]
    try:
        before = _tree(data.parent)
        page = new_page(new_page.context())
        page.goto(srv.url("/curate"), wait_until="domcontentloaded")
        wait_ready(page, "Curate")
        main(page).get_by_text("Register a new text").click()
        main(page).get_by_label("Source id").fill(cd.SOURCE)
        uploader = main(page).get_by_test_id("stFileUploaderDropzoneInput")
        uploader.set_input_files(str(gbk))
        expect(main(page).get_by_text("brief-gbk.txt")).to_be_visible(timeout=WAIT)
        main(page).get_by_role("button", name="Register").click()
        expect(main(page).get_by_text("add-source: brief-gbk.txt: not UTF-8")).to_be_visible(timeout=WAIT)
        expect(main(page).get_by_text("iconv -f GBK -t UTF-8")).to_be_visible(timeout=WAIT)
        wait_ready(page)
        assert _tree(data.parent) == before  # nothing written
        uploader.set_input_files(str(utf8))  # a single-file uploader: the new file replaces the old
        expect(main(page).get_by_text("brief.txt", exact=True)).to_be_visible(timeout=WAIT)
        main(page).get_by_role("button", name="Register").click()
        expect(main(page).get_by_text(f"Registered {cd.SOURCE}.")).to_be_visible(timeout=WAIT)
    finally:
        srv.stop()
    text = data.parent / "source" / f"{cd.SOURCE}.txt"
    assert text.read_bytes() == utf8.read_bytes()  # byte for byte
    assert load(data).sources[cd.SOURCE].figures == f"figures/{cd.SOURCE}.yaml"
