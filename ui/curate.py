"""Streamlit glue of the Curate page: the review in session state, the editor, the buttons, the messages.

Imported only by pages/curate.py, and only when the server runs in curate mode (ui.mode): the viewer never
loads a module that writes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import streamlit as st

from curation import add_source
from curation import review as curation
from drafting import write as draft_write
from loaders import yamlfile
from loaders.dataset import metrics_path
from loaders.models import QUALIFIERS, STATUSES
from loaders.problems import FiguresError
from views import curate as vm
from views.i18n import qualifier_label, status_label
from views.text import md

REVIEW = "curate_review"
VERSION = "curate_editor_version"
SHOWN = "curate_shown_ids"
MESSAGE = "curate_message"
SOURCE = "curate_source"
STALE = "curate_stale"
STATE_LABELS = {
    "accepted": ("accepted", "已接受"),
    "unreviewed": ("unreviewed", "待审"),
    "rejected": ("rejected", "已拒绝"),
}
STATE_COLOURS = {"accepted": "#c6f6d5", "unreviewed": "#fefcbf", "rejected": "#fed7d7"}


def metrics_file() -> Path:
    return metrics_path()


def _say(msg: vm.Message) -> None:
    st.session_state[MESSAGE] = msg


def _refused(exc: curation.CurationError, lang: str) -> None:
    """Say why nothing was written; a stale file also offers to re-apply the changes to it."""
    st.session_state[STALE] = isinstance(exc, curation.Stale)
    _say(vm.refusal(exc, lang))


def render_message() -> None:
    msg = st.session_state.pop(MESSAGE, None)
    if msg is None:
        return
    getattr(st, msg.kind)(md(msg.text))  # names and ids in it come from files and uploads: shown as text
    if msg.details:
        st.code("\n".join(msg.details), language=None, wrap_lines=True)


# 1/ which source


def sources_with_files() -> dict[str, str]:
    """Source id -> title, for the sources that have their own figure file (the only ones the page writes)."""
    path = metrics_file()
    text, _ = yamlfile.read_text(path, str(path))
    data = yamlfile.parse(text or "", str(path)).data if text else None
    out = {}
    for s in (data or {}).get("sources") or [] if isinstance(data, dict) else []:
        if isinstance(s, dict) and s.get("figures") and isinstance(s.get("id"), str):
            out[s["id"]] = f"{s['id']} · {s.get('title_en') or ''}"
    return out


def pick_source(lang: str) -> str | None:
    choices = sources_with_files()
    if not choices:
        st.info(vm.tr("curate_no_figure_file", lang))
        return None
    if st.session_state.get(SOURCE) not in choices:
        st.session_state[SOURCE] = next(iter(choices))
    return st.selectbox(vm.tr("curate_source", lang), list(choices), format_func=choices.get, key=SOURCE)


def render_register(lang: str) -> None:
    """Register a new text through add-source: same code, same checks, same messages."""
    with st.expander(vm.tr("curate_register", lang)), st.form("curate_register_form"):
        st.text_input(vm.tr("curate_register_id", lang), key="curate_new_id")
        st.text_input(vm.tr("curate_register_title_en", lang), key="curate_new_title_en")
        st.text_input(vm.tr("curate_register_title_zh", lang), key="curate_new_title_zh")
        st.text_input(vm.tr("curate_register_url", lang), key="curate_new_url")
        st.text_area(vm.tr("curate_register_paste", lang), key="curate_new_text", height=160)
        st.file_uploader(vm.tr("curate_register_upload", lang), type=["txt"], key="curate_new_file")
        st.form_submit_button(vm.tr("curate_register_go", lang), on_click=_register, args=(lang,))


def _field(key: str) -> str | None:
    return (st.session_state.get(key) or "").strip() or None


def _register(lang: str) -> None:
    upload = st.session_state.get("curate_new_file")
    if upload is not None:
        raw, name = upload.getvalue(), upload.name
    else:
        raw, name = (st.session_state.get("curate_new_text") or "").encode("utf-8"), "the pasted text"
    try:
        added = add_source.add_source(
            metrics_file(),
            Path(name),
            _field("curate_new_id") or "",
            title_en=_field("curate_new_title_en"),
            title_zh=_field("curate_new_title_zh"),
            url=_field("curate_new_url"),
            raw=raw,
        )
    except add_source.AddSourceError as exc:
        _say(vm.Message("error", f"add-source: {exc}"))
        return
    except OSError as exc:  # add-source removes what it created before it raises
        _say(vm.Message("error", f"add-source: cannot write: {exc.strerror or exc}; nothing was registered"))
        return
    st.session_state[SOURCE] = added.id
    st.session_state.pop(REVIEW, None)
    _say(vm.Message("success", vm.tr("curate_registered", lang, id=added.id), tuple(added.summary())))


# 2/ the review in session state


def review(source: str) -> vm.Review | None:
    """The review of source in this session (opened from disk the first time)."""
    r = st.session_state.get(REVIEW)
    if r is not None and r.sheet.source == source and r.sheet.metrics_file == metrics_file():
        return r
    try:
        r = vm.begin(curation.open_sheet(metrics_file(), source))
    except curation.CurationError as exc:
        head, *rest = str(exc).splitlines()
        st.error(md(head))
        if rest:
            st.code("\n".join(rest), language=None, wrap_lines=True)
        return None
    _set(r)
    return r


def _set(r: vm.Review) -> None:
    if r.n_changes() == 0:
        st.session_state.pop(STALE, None)
    st.session_state[REVIEW] = r
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1  # a fresh editor over the new rows


def _key() -> str:
    return f"curate_editor_{st.session_state.get(VERSION, 0)}"


def absorb_edits(r: vm.Review) -> vm.Review:
    """Fold the editor's last edits (kept by Streamlit under its key) into the review, then start a fresh editor."""
    state = st.session_state.get(_key())
    edited = (state or {}).get("edited_rows") or {}
    if not edited:
        return r
    r = vm.absorb(r, st.session_state.get(SHOWN, []), edited)
    _set(r)
    return r


# 3/ actions: callbacks, so they run before the script (and survive the entry's rerun of a deep link)


def _current() -> vm.Review:
    return absorb_edits(st.session_state[REVIEW])


def _draft(lang: str) -> None:
    r = _current()
    try:
        done = vm.draft(r)
    except vm.NoDrafter:
        _say(vm.Message("warning", vm.tr("curate_no_drafter", lang)))
        return
    except (draft_write.StaleFileError, draft_write.DraftInputError, FiguresError, OSError) as exc:
        st.session_state[STALE] = isinstance(exc, draft_write.StaleFileError)
        _say(vm.Message("error", f"draft: {exc}"))
        return
    except Exception as exc:  # noqa: BLE001 - a drafter bug must not cost the curator the review in progress
        _say(vm.Message("error", f"the drafter failed: {type(exc).__name__}: {exc}"))
        return
    try:
        r, dropped = vm.rebase(r, curation.open_sheet(r.sheet.metrics_file, r.sheet.source))
    except curation.CurationError as exc:
        _say(vm.refusal(exc, lang))
        return
    _set(r)
    details = (*done.skipped, *(vm.tr("curate_held", lang, id=h) for h in done.held))
    msg = vm.tr("curate_drafted", lang, n=len(done.added), skipped=len(done.skipped) + len(done.held))
    _say(vm.Message("info", msg, tuple(details)))


def _save(lang: str) -> None:
    sheet = vm.working(_current())
    if not sheet.changed():
        _say(vm.Message("info", vm.tr("curate_nothing", lang)))
        return
    try:
        saved = curation.save(sheet)
    except curation.CurationError as exc:
        _refused(exc, lang)
        return
    _set(vm.begin(saved))
    _say(vm.saved_message(saved, lang))


def _undo(lang: str) -> None:
    try:
        restored = curation.undo(_current().sheet)
    except curation.CurationError as exc:
        _refused(exc, lang)
        return
    _set(vm.begin(restored))
    _say(vm.Message("success", vm.tr("curate_undone", lang, file=restored.display)))


def _reload(lang: str) -> None:
    r = st.session_state[REVIEW]
    try:
        _set(vm.begin(curation.open_sheet(r.sheet.metrics_file, r.sheet.source)))
    except curation.CurationError as exc:
        _say(vm.refusal(exc, lang))


def _rebase(lang: str) -> None:
    r = _current()
    try:
        sheet = curation.open_sheet(r.sheet.metrics_file, r.sheet.source)
    except curation.CurationError as exc:
        _say(vm.refusal(exc, lang))
        return
    r, dropped = vm.rebase(r, sheet)
    _set(r)
    st.session_state.pop(STALE, None)
    details = tuple(vm.tr("curate_rebase_dropped", lang, id=rid) for rid in dropped)
    _say(vm.Message("warning" if dropped else "info", vm.tr("curate_rebased", lang, n=r.n_changes()), details))


def render_actions(r: vm.Review, lang: str) -> None:
    cols = st.columns(4)
    cols[0].button(
        vm.tr("curate_draft", lang),
        icon=":material/auto_fix_high:",
        key="curate_draft_btn",
        on_click=_draft,
        args=(lang,),
    )
    cols[1].button(
        vm.tr("curate_save", lang),
        type="primary",
        icon=":material/save:",
        key="curate_save_btn",
        on_click=_save,
        args=(lang,),
    )
    dirty = r.n_changes() > 0
    cols[2].button(
        vm.tr("curate_undo", lang),
        icon=":material/undo:",
        key="curate_undo_btn",
        disabled=dirty or not curation.can_undo(r.sheet),
        help=vm.tr("curate_unsaved", lang, n=r.n_changes()) if dirty else None,
        on_click=_undo,
        args=(lang,),
    )
    cols[3].button(
        vm.tr("curate_reload", lang), icon=":material/refresh:", key="curate_reload_btn", on_click=_reload, args=(lang,)
    )
    if st.session_state.get(STALE) and r.n_changes():
        st.button(
            vm.tr("curate_rebase", lang),
            icon=":material/sync:",
            key="curate_rebase_btn",
            on_click=_rebase,
            args=(lang,),
        )


# 4/ what the curator sees


def render_summary(s: vm.Summary, r: vm.Review, lang: str) -> None:
    cols = st.columns(5)
    for col, state in zip(cols, vm.STATES, strict=False):
        col.metric(STATE_LABELS[state][lang == "zh"], s.counts[state])
    n = "—" if s.uncovered is None else len(s.uncovered)
    cols[3].metric(vm.tr("curate_uncovered_short", lang), n, help=vm.tr("curate_uncovered", lang, n=n))
    cols[4].metric(vm.tr("curate_problems_short", lang), s.problems)
    if r.n_changes():
        st.caption(vm.tr("curate_unsaved", lang, n=r.n_changes()))
    if s.numbers:
        st.caption(vm.tr("curate_uncovered_too_many", lang, n=f"{s.numbers:,}", m=f"{vm.MAX_NUMBERS:,}"))
    elif s.uncovered is None:
        st.caption(vm.tr("curate_uncovered_unknown", lang))
    elif s.uncovered:
        with st.expander(vm.tr("curate_uncovered", lang, n=len(s.uncovered))):
            st.code("\n".join(f.describe() for f in s.uncovered), language=None, wrap_lines=True)
    if s.other:
        with st.expander(vm.tr("curate_other_problems", lang), expanded=True):
            st.code("\n".join(str(p) for p in s.other), language=None, wrap_lines=True)


def filters(lang: str, types: dict[str, str]) -> vm.Filters:
    cols = st.columns([1, 1, 3])
    only_unreviewed = cols[0].toggle(vm.tr("curate_only_unreviewed", lang), key="curate_only_unreviewed")
    only_blanks = cols[1].toggle(vm.tr("curate_only_blanks", lang), key="curate_only_blanks")
    chosen = cols[2].multiselect(
        vm.tr("curate_types", lang), list(types), format_func=types.get, key="curate_types", placeholder=""
    )
    return vm.Filters(only_unreviewed, only_blanks, tuple(chosen))


def _style(df):
    def row_style(row):
        colour = STATE_COLOURS.get(row["state"], "")
        bad = "background-color:#feb2b2" if row["problems"] else f"background-color:{colour}"
        return [bad if c in ("id", "problems") else "" for c in row.index]

    return df.style.apply(row_style, axis=1)


def render_editor(table: vm.Table, opts: dict, lang: str) -> None:
    st.session_state[SHOWN] = table.ids
    sel = st.column_config.SelectboxColumn
    cfg = {
        "state": sel(
            "state", options=list(vm.STATES), required=True, format_func=lambda s: STATE_LABELS[s][lang == "zh"]
        ),
        "problems": st.column_config.TextColumn("problems", disabled=True, width="medium"),
        "id": st.column_config.TextColumn("id", disabled=True),
        "city": sel("place", options=list(opts.get("city", {})), format_func=lambda x: opts["city"].get(x, x)),
        "type": sel("type", options=list(opts.get("type", {})), format_func=lambda x: opts["type"].get(x, x)),
        "indicator": sel(
            "indicator", options=list(opts.get("indicator", {})), format_func=lambda x: opts["indicator"].get(x, x)
        ),
        "qualifier": sel("qualifier", options=list(QUALIFIERS), format_func=lambda q: qualifier_label(q, lang)),
        "status": sel("status", options=list(STATUSES), format_func=lambda s: status_label(s, lang)),
        "value": st.column_config.NumberColumn("value", min_value=0),
        "low": st.column_config.NumberColumn("low", min_value=0),
        "high": st.column_config.NumberColumn("high", min_value=0),
        "reason": st.column_config.TextColumn("draft reason", disabled=True),
        "reject_reason": st.column_config.TextColumn("why rejected"),
    }
    rows = len(table.frame)
    st.data_editor(
        _style(table.frame),
        column_config=cfg,
        column_order=list(vm.COLUMNS),
        disabled=list(vm.READ_ONLY),
        hide_index=True,
        num_rows="fixed",
        height=min(560, 35 * (rows + 1) + 3),
        key=_key(),
    )
    bad = table.frame[table.frame["problems"] != ""]
    if len(bad):  # the cell is narrow: the messages in full, row by row
        with st.container(border=True):
            st.caption(vm.tr("curate_row_problems", lang))
            st.code("\n".join(f"{r.id}: {r.problems}" for r in bad.itertuples()), language=None, wrap_lines=True)


def render_text(r: vm.Review, result: curation.Check, lang: str) -> None:
    labels = {row["id"]: f"{row['id']} · {row.get('label_zh', '')}" for row in r.rows()}
    focus = st.selectbox(
        vm.tr("curate_focus", lang),
        [None, *labels],
        format_func=lambda i: vm.tr("curate_none", lang) if i is None else labels[i],
        key="curate_focus",
    )
    with st.container(height=560, border=True):
        st.html(vm.text_html(r, result, lang, focus))
    if focus and re.fullmatch(r"[a-z0-9][a-z0-9_-]*", focus):  # an id a hand edit broke is not put in a script
        target = json.dumps(f"fig-{focus}")
        st.html(
            f"<script>setTimeout(() => document.getElementById({target})"
            "?.scrollIntoView({block: 'center', behavior: 'smooth'}), 300)</script>",
            unsafe_allow_javascript=True,
        )


def render_rejected(r: vm.Review, lang: str) -> None:
    gone = vm.working(r).rejected
    if gone:
        with st.expander(f"{vm.tr('curate_rejected_list', lang)} ({len(gone)})"):
            st.dataframe(gone, hide_index=True)
