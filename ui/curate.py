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
from curation import glossary as learning
from curation import review as curation
from drafting import labels
from drafting import write as draft_write
from loaders import entry
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
FOCUS = "curate_focus_id"
STEPS = "curate_steps"
"""Reviews before each in-session step (a decision, a bulk action), newest last: "Undo last step" pops one."""
LAYOUT = "curate_layout"
GLOSSARY_AFTER = "curate_glossary_after"
"""sha256 of the learnt glossary as this session's last save left it: Undo last save takes that learning back."""
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
    data = entry.data(metrics_file())  # parsed once per version of the file, not at every rerun
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
        a, b = st.columns(2)  # every citation field the command line takes (python -m curation add-source --help)
        a.text_input(vm.tr("curate_register_author", lang), key="curate_new_author")
        b.text_input(vm.tr("curate_register_language", lang), value="zh", key="curate_new_language")
        a.text_input(vm.tr("curate_register_publisher_zh", lang), key="curate_new_publisher_zh")
        b.text_input(vm.tr("curate_register_publisher_en", lang), key="curate_new_publisher_en")
        a.text_input(vm.tr("curate_register_published", lang), placeholder="YYYY-MM-DD", key="curate_new_published")
        b.text_input(vm.tr("curate_register_accessed", lang), placeholder="YYYY-MM-DD", key="curate_new_accessed")
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
            author=_field("curate_new_author"),
            publisher_zh=_field("curate_new_publisher_zh"),
            publisher_en=_field("curate_new_publisher_en"),
            published=_field("curate_new_published"),
            accessed=_field("curate_new_accessed"),
            language=_field("curate_new_language") or "zh",
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
    old = st.session_state.get(REVIEW)
    if old is not None and old.sheet is not r.sheet:  # a save, reload or draft read the file again: the
        st.session_state.pop(STEPS, None)  # steps undo edits of the sheet as it was, not of this one
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
    msg = vm.saved_message(saved, lang)
    try:  # the English labels saved teach the drafter (and the next review) the same label
        learnt = learning.learn(saved.metrics_file, learning.pairs_of(saved.rows))
    except (learning.GlossaryError, OSError) as exc:
        msg = vm.Message("warning", msg.text, (f"glossary not updated: {exc}",))
    else:
        st.session_state[GLOSSARY_AFTER] = learning.digest(saved.metrics_file) if learnt else None
        if learnt:
            file = saved.metrics_file.parent / "glossary.yaml"
            note = vm.tr("curate_glossary_learnt", lang, file=file.name, n=len(learnt))
            msg = vm.Message(msg.kind, msg.text, (note, *learnt))
    _say(msg)


def _undo(lang: str) -> None:
    try:
        restored = curation.undo(_current().sheet)
    except curation.CurationError as exc:
        _refused(exc, lang)
        return
    _set(vm.begin(restored))
    msg = vm.Message("success", vm.tr("curate_undone", lang, file=restored.display))
    try:  # what that save taught the glossary goes too, if nothing learnt more since
        if learning.undo(restored.metrics_file, st.session_state.pop(GLOSSARY_AFTER, None)):
            msg = vm.Message(msg.kind, msg.text, (vm.tr("curate_glossary_undone", lang),))
    except OSError as exc:
        msg = vm.Message("warning", msg.text, (f"glossary not restored: {exc}",))
    _say(msg)


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
    undoable = curation.can_undo(r.sheet)
    why = vm.tr("curate_unsaved", lang, n=r.n_changes()) if dirty else None
    if not dirty and not undoable:
        why = vm.tr("curate_no_undo", lang, file=r.sheet.display)
    cols[2].button(
        vm.tr("curate_undo", lang),
        icon=":material/undo:",
        key="curate_undo_btn",
        disabled=dirty or not undoable,
        help=why,
        on_click=_undo,
        args=(lang,),
    )
    if not dirty and not undoable:  # a grey button says why where it stands, not only on hover
        cols[2].caption(why)
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


def _added(r: vm.Review, row: dict, lang: str) -> None:
    _push(r)
    _set(vm.add(r, row))
    _focus_on(row["id"])
    st.session_state[LAYOUT] = "focus"  # the new row, beside its sentence, its fields ready to fill
    _say(vm.Message("info", vm.tr("curate_row_made", lang, id=row["id"])))


def _make_row(start: int, digits: str | None, lang: str) -> None:
    r = _current()
    result = vm.check(r)
    _added(r, vm.row_at(r, result, start, digits), lang)


def _make_from_quote(lang: str) -> None:
    r = _current()
    try:
        row = vm.row_from_quote(r, vm.check(r), st.session_state.get("curate_add_quote") or "")
    except vm.NotAQuote as exc:
        _say(vm.Message("error", str(exc)))
        return
    _added(r, row, lang)


def render_summary(s: vm.Summary, r: vm.Review, lang: str) -> None:
    cols = st.columns(5)
    for col, state in zip(cols, vm.STATES, strict=False):
        col.metric(STATE_LABELS[state][lang == "zh"], s.counts[state])
    n = "—" if s.uncovered is None else len(s.uncovered)
    cols[3].metric(vm.tr("curate_uncovered_short", lang), n, help=vm.tr("curate_uncovered", lang, n=n))
    cols[4].metric(vm.tr("curate_problems_short", lang), s.problems)
    if r.n_changes():
        st.caption(vm.tr("curate_unsaved", lang, n=r.n_changes()))
    if s.untranslated:  # a notice, never a refusal: the viewer marks them, and the glossary may know them later
        ids = ", ".join(s.untranslated[:20]) + (" …" if len(s.untranslated) > 20 else "")
        st.caption(vm.tr("curate_untranslated", lang, n=len(s.untranslated)), help=ids)
    if s.numbers:
        st.caption(vm.tr("curate_uncovered_too_many", lang, n=f"{s.numbers:,}", m=f"{vm.MAX_NUMBERS:,}"))
    elif s.uncovered is None:
        st.caption(vm.tr("curate_uncovered_unknown", lang))
    elif s.uncovered:
        with st.expander(vm.tr("curate_uncovered", lang, n=len(s.uncovered))):
            shown, more = vm.uncovered_shown(s)
            for f in shown:  # one action per number: a row of it, prefilled by the drafter's rules
                a, b = st.columns([4, 1], vertical_alignment="center")
                a.code(f.describe(), language=None, wrap_lines=True)
                b.button(
                    vm.tr("curate_make_row", lang),
                    icon=":material/add:",
                    key=f"curate_make_{f.kind}_{f.start}",
                    on_click=_make_row,
                    args=(f.start, f.text if f.kind == "digits" else None, lang),
                )
            if more:
                st.caption(vm.tr("curate_uncovered_more", lang, n=f"{more:,}", m=f"{len(shown):,}"))
    with st.expander(vm.tr("curate_add_quote", lang)), st.form("curate_add_quote_form", border=False):
        st.text_input(vm.tr("curate_add_quote_field", lang), key="curate_add_quote")
        st.form_submit_button(vm.tr("curate_make_row", lang), on_click=_make_from_quote, args=(lang,))
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
        # read-only: a selectbox cell changed its value under the arrow keys once it was clicked twice; decisions
        # are made with the focused review's keys (or in bulk), where each is one deliberate, undoable step
        "state": st.column_config.TextColumn("state", disabled=True),
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
    """The text with every row marked, the focused one ringed (the table layout: below the editor, full width)."""
    with st.container(height=360, border=True):
        st.html(vm.text_html(r, result, lang, st.session_state.get(FOCUS)))


def render_rejected(r: vm.Review, lang: str) -> None:
    gone = vm.working(r).rejected
    if gone:
        with st.expander(f"{vm.tr('curate_rejected_list', lang)} ({len(gone)})"):
            st.dataframe(gone, hide_index=True)


# 5/ the focused review: one proposal at a time, a key per decision


def layout(lang: str) -> str:
    choices = {"focus": vm.tr("curate_layout_focus", lang), "table": vm.tr("curate_layout_table", lang)}
    if st.session_state.get(LAYOUT) not in choices:
        st.session_state[LAYOUT] = "focus"
    st.segmented_control(
        vm.tr("curate_layout", lang), list(choices), format_func=choices.get, key=LAYOUT, label_visibility="collapsed"
    )
    return st.session_state.get(LAYOUT) or "focus"


def render_progress(r: vm.Review, lang: str) -> None:
    done, total = vm.progress(r)
    st.progress(done / total if total else 1.0, text=vm.tr("curate_progress", lang, done=done, total=total))


def _push(r: vm.Review) -> None:
    steps = st.session_state.setdefault(STEPS, [])
    steps.append(r)
    del steps[:-50]


def _step_back(lang: str) -> None:
    steps = st.session_state.get(STEPS) or []
    if not steps:
        return
    before = steps.pop()
    st.session_state[STEPS] = steps
    st.session_state[REVIEW] = before  # not _set: that would forget the older steps
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1
    _say(vm.Message("info", vm.tr("curate_step_undone", lang)))


def _fkey(rid: str, name: str) -> str:
    return f"curate_f_{rid}_{name}"


def _form_fields(rid: str) -> dict[str, object]:
    out = {}
    for name in vm.FOCUS_FIELDS:
        key = _fkey(rid, name)
        if key in st.session_state:
            out[name] = st.session_state[key]
    return out


def _focus_on(rid: str | None) -> None:
    st.session_state[FOCUS] = rid


def _decide(rid: str, decision: str | None, lang: str) -> None:
    r = _current()
    reason = (st.session_state.get(_fkey(rid, "reject_reason")) or "").strip() or st.session_state.get(
        _fkey(rid, "reject_pick")
    )
    new = vm.decide(r, rid, decision, _form_fields(rid), reason)
    if new != r:
        _push(r)
        _set(new)
    if decision is not None:
        _focus_on(vm.step(new, rid, +1))


def _nav(direction: int) -> None:
    r = _current()
    _focus_on(vm.step(r, st.session_state.get(FOCUS), direction))


def _bulk_accept(lang: str) -> None:
    r = _current()
    new, ids = vm.accept_above(r, float(st.session_state.get("curate_bulk_threshold") or 0))
    if ids:
        _push(r)
        _set(new)
    _say(vm.Message("info", vm.tr("curate_bulk_accepted", lang, n=len(ids)), tuple(ids)))


def _bulk_reject(lang: str) -> None:
    rule = st.session_state.get("curate_bulk_rule")
    if not rule:
        return
    r = _current()
    new, ids = vm.reject_rule(r, rule)
    if ids:
        _push(r)
        _set(new)
    _say(vm.Message("info", vm.tr("curate_bulk_rejected", lang, n=len(ids), rule=rule), tuple(ids)))


def _select(key: str, ids: list[str]) -> None:
    rows = (st.session_state.get(key) or {}).get("selection", {}).get("rows") or []
    if rows and 0 <= rows[0] < len(ids):
        _focus_on(ids[rows[0]])


def _choice(label: str, key: str, options: dict, current, lang: str, *, optional: bool = True) -> None:
    opts = list(options)
    if current is not None and current not in opts:
        opts.append(current)  # a value the registry does not offer stays visible (the row's problems say why)
    if optional:
        opts = [None, *opts]
    st.selectbox(
        label,
        opts,
        index=opts.index(current) if current in opts else 0,
        format_func=lambda x: "—" if x is None else options.get(x, str(x)),
        key=key,
    )


def _number(v):
    try:
        return None if v is None or isinstance(v, bool) else float(v)
    except (TypeError, ValueError):
        return None


def render_focus(r: vm.Review, result: curation.Check, opts: dict, lang: str, glossary: dict[str, str]) -> None:
    """The current proposal: its sentence marked in the text (left), its fields and the decision keys (right)."""
    ids = vm.queue(r)
    if st.session_state.get(FOCUS) not in ids:
        _focus_on(vm.step(r, None, +1))
    f = vm.focus(r, result, st.session_state.get(FOCUS))
    left, right = st.columns([3, 2])
    with left, st.container(height=620, border=True):
        st.html(vm.text_html(r, result, lang, f.id if f else None))
    if f is not None and re.fullmatch(r"[a-z0-9][a-z0-9_-]*", f.id):  # a broken hand-made id is not put in a script
        target = json.dumps(f"fig-{f.id}")
        st.html(
            f"<script>setTimeout(() => document.getElementById({target})"
            "?.scrollIntoView({block: 'center', behavior: 'smooth'}), 300)</script>",
            unsafe_allow_javascript=True,
        )
    with right:
        nav = st.columns(3)
        nav[0].button(
            vm.tr("curate_prev", lang),
            icon=":material/arrow_back:",
            key="curate_prev_btn",
            shortcut="P",
            on_click=_nav,
            args=(-1,),
            width="stretch",
        )
        nav[1].button(
            vm.tr("curate_next", lang),
            icon=":material/arrow_forward:",
            key="curate_next_btn",
            shortcut="N",
            on_click=_nav,
            args=(1,),
            width="stretch",
        )
        nav[2].button(
            vm.tr("curate_undo_step", lang),
            icon=":material/undo:",
            key="curate_undo_step_btn",
            shortcut="U",
            on_click=_step_back,
            args=(lang,),
            disabled=not st.session_state.get(STEPS),
            width="stretch",
        )
        if f is None:
            st.info(vm.tr("curate_nothing_to_review", lang))
            return
        _render_form(f, opts, lang, glossary)


def _render_form(f: vm.Focus, opts: dict, lang: str, glossary: dict[str, str]) -> None:
    row, rid = f.row, f.id
    conf = "—" if f.confidence is None else f"{f.confidence:.2f}"
    st.markdown(
        f"**{md(rid)}** · {STATE_LABELS[f.state][lang == 'zh']} · {vm.tr('curate_confidence', lang)} {conf}"
        + (md(f" · {vm.tr('curate_rule', lang)} {f.rule}") if f.rule else "")
    )
    st.caption(md(f"“{row.get('quote') or ''}”"))
    if f.reason:
        st.caption(md(f"{vm.tr('curate_draft_reason', lang)}: {f.reason}"))
    if f.problems:
        st.error(md(f.problems))
    with st.form(f"curate_focus_form_{rid}", border=True, enter_to_submit=True):
        a, b = st.columns(2)
        a.text_input(vm.tr("curate_label_zh", lang), value=row.get("label_zh") or "", key=_fkey(rid, "label_zh"))
        en = row.get("label_en") or glossary.get(row.get("label_zh") or "", "")
        b.text_input(vm.tr("curate_label_en", lang), value=en, key=_fkey(rid, "label_en"))
        a, b, c, d = st.columns(4)
        for col, name in zip((a, b, c), vm.NUMBERS, strict=True):
            col.number_input(name, value=_number(row.get(name)), min_value=0.0, format="%g", key=_fkey(rid, name))
        d.text_input(vm.tr("curate_unit", lang), value=row.get("unit") or "", key=_fkey(rid, "unit"))
        a, b = st.columns(2)
        with a:
            _choice(
                "qualifier",
                _fkey(rid, "qualifier"),
                {q: qualifier_label(q, lang) for q in QUALIFIERS},
                row.get("qualifier"),
                lang,
            )
        with b:
            _choice(
                "status",
                _fkey(rid, "status"),
                {s: status_label(s, lang) for s in STATUSES},
                row.get("status"),
                lang,
                optional=False,
            )
        a, b, c = st.columns(3)
        with a:
            _choice("place", _fkey(rid, "city"), opts.get("city", {}), row.get("city"), lang)
        with b:
            _choice("type", _fkey(rid, "type"), opts.get("type", {}), row.get("type"), lang)
        with c:
            _choice("indicator", _fkey(rid, "indicator"), opts.get("indicator", {}), row.get("indicator"), lang)
        a, b = st.columns(2)
        a.selectbox(vm.tr("curate_reject_reason", lang), list(vm.REJECT_REASONS), key=_fkey(rid, "reject_pick"))
        b.text_input(vm.tr("curate_reject_other", lang), key=_fkey(rid, "reject_reason"))
        decisions = (  # label, icon, key, the state it decides (None: keep the edits, undecided), its key's name
            ("curate_accept", ":material/check:", "A", "accepted", "accept"),
            ("curate_reject", ":material/close:", "X", "rejected", "reject"),
            ("curate_keep_edits", ":material/edit:", "E", None, "keep"),
        )
        for col, (label, icon, shortcut, state, name) in zip(st.columns(3), decisions, strict=True):
            col.form_submit_button(
                vm.tr(label, lang),
                type="primary" if state == "accepted" else "secondary",
                icon=icon,
                shortcut=shortcut,
                on_click=_decide,
                args=(rid, state, lang),
                width="stretch",
                key=f"curate_{name}_{rid}",
            )
    st.caption(vm.tr("curate_keys", lang))


def render_overview(table: vm.Table, lang: str) -> None:
    """Every row in one read-only table: selecting a row focuses it."""
    key = f"curate_overview_{st.session_state.get(VERSION, 0)}_{st.session_state.get(FOCUS)}"
    cols = ["state", "id", "problems", "label_zh", "label_en", "value", "low", "high", "unit", "status", "city", "type"]
    st.dataframe(
        _style(table.frame[cols]),
        hide_index=True,
        on_select=lambda: _select(key, table.ids),
        selection_mode="single-row",
        key=key,
        height=min(420, 35 * (len(table.frame) + 1) + 3),
    )


def render_bulk(r: vm.Review, lang: str) -> None:
    with st.expander(vm.tr("curate_bulk", lang)):
        a, b = st.columns(2)
        with a:
            st.number_input(vm.tr("curate_bulk_threshold", lang), 0.0, 1.0, 0.9, 0.05, key="curate_bulk_threshold")
            st.button(
                vm.tr("curate_bulk_accept", lang), key="curate_bulk_accept_btn", on_click=_bulk_accept, args=(lang,)
            )
        with b:
            rules = vm.rules(r)
            st.selectbox(
                vm.tr("curate_bulk_rule", lang),
                list(rules),
                format_func=lambda k: f"{k} ({rules[k]})",
                key="curate_bulk_rule",
                index=None,
            )
            st.button(
                vm.tr("curate_bulk_reject", lang),
                key="curate_bulk_reject_btn",
                on_click=_bulk_reject,
                args=(lang,),
                disabled=not rules,
            )


def glossary() -> dict[str, str]:
    """zh -> en: the registry's glossary and the one learnt from saved labels (the registry's wins)."""
    return labels.known(metrics_file())
