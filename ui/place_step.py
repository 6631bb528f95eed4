"""Streamlit glue of the Curate page's Places step: every place the text names, accepted, edited or merged,
then saved to the metrics file (curation.place_save). Curate mode only, like ui/curate.py."""

from __future__ import annotations

import streamlit as st

from curation import place_save
from loaders.dataset import metrics_path
from views import place_step as vm
from views.text import md

PLAN = "places_plan"
VERSION = "places_editor_version"
MESSAGE = "places_message"


def _plan(source: str) -> place_save.Plan | None:
    """The proposals for source as the curator first saw them (their digest is what a save checks against)."""
    plan = st.session_state.get(PLAN)
    if plan is not None and plan.source == source and plan.metrics_file == metrics_path():
        return plan
    try:
        plan = place_save.plan(metrics_path(), source)
    except place_save.PlacesError as exc:
        st.session_state[MESSAGE] = ("error", str(exc))
        return None
    st.session_state[PLAN] = plan
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1
    return plan


def _say(kind: str, text: str) -> None:
    st.session_state[MESSAGE] = (kind, text)


def _forget() -> None:
    st.session_state.pop(PLAN, None)


def _save(lang: str) -> None:
    plan = st.session_state.get(PLAN)
    edited = st.session_state.get(f"places_table_{st.session_state.get(VERSION, 0)}")
    if plan is None or edited is None:
        return
    table = vm.table(plan, lang)
    for i, change in (edited.get("edited_rows") or {}).items():
        for k, v in change.items():
            table.at[int(i), k] = v
    main = st.session_state.get("places_main") or None
    try:
        accepted = vm.accepted(plan, table)
        place_save.save(plan, accepted, main)
    except place_save.Stale as exc:
        _forget()
        _say("error", f"{exc}. The proposals were read again: check them and save again.")
        return
    except place_save.PlacesError as exc:
        _say("error", str(exc))
        return
    except OSError as exc:
        _say("error", f"not saved: cannot write {plan.metrics_file}: {exc.strerror or exc}")
        return
    _forget()
    _say("success", vm.word("saved", lang, n=sum(1 for p in accepted if not p.existing)))


def _undo(lang: str) -> None:
    try:
        place_save.undo(metrics_path())
    except place_save.PlacesError as exc:
        _say("error", str(exc))
        return
    _forget()
    _say("success", vm.word("undone", lang))


def render(source: str, lang: str) -> None:
    """The Places step of source, in an expander of its own before the review."""
    plan = _plan(source)
    msg = st.session_state.pop(MESSAGE, None)
    # open while there is something to accept, and after a save or an undo: its message is said in here
    with st.expander(vm.word("title", lang), expanded=msg is not None or (plan is not None and _has_new(plan))):
        if msg is not None:
            head, *rest = msg[1].splitlines()
            getattr(st, msg[0])(md(head))
            if rest:
                st.code("\n".join(rest), language=None, wrap_lines=True)
        if plan is None:
            return
        st.caption(vm.word("intro", lang))
        if not plan.resolution.proposals:
            st.info(vm.word("nothing", lang))
        elif not _has_new(plan):
            st.caption(vm.word("all_known", lang, names=", ".join(p.id for p in plan.resolution.proposals)))
        else:
            _editor(plan, lang)
        b, c = st.columns(2)
        b.button(
            vm.word("undo", lang),
            on_click=_undo,
            args=(lang,),
            key="places_undo",
            disabled=not place_save.can_undo(metrics_path()),
        )
        c.button(vm.word("reload", lang), on_click=_forget, key="places_reload")


def _editor(plan: place_save.Plan, lang: str) -> None:
    opts = vm.options(plan)
    st.data_editor(
        vm.table(plan, lang),
        key=f"places_table_{st.session_state.get(VERSION, 0)}",
        hide_index=True,
        disabled=[c for c in vm.COLUMNS if c not in vm.EDITABLE],
        column_config={
            "accept": st.column_config.CheckboxColumn("accept"),
            "level": st.column_config.SelectboxColumn("level", options=opts["level"]),
            "same_as": st.column_config.SelectboxColumn("same as", options=opts["same_as"]),
            "problem": st.column_config.TextColumn("problem", width="large"),
        },
        num_rows="fixed",
    )
    choices = vm.main_choices(plan)
    st.selectbox(
        vm.word("main", lang),
        choices,
        index=1 if len(choices) > 1 and plan.resolution.main_place else 0,
        format_func=lambda c: c or vm.word("none", lang),
        key="places_main",
    )
    st.button(vm.word("save", lang), on_click=_save, args=(lang,), key="places_save", type="primary")


def _has_new(plan: place_save.Plan) -> bool:
    """Something to accept: a new place, or a registry place the text names that is not among its appearances."""
    return any(not p.existing or (not p.implied and p.id not in plan.appearing) for p in plan.resolution.proposals)
