"""Evidence items: a plan action's checklist, held levels from statuses, what is missing."""

from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import strategies as st

import roadmap.evidence
from roadmap.evidence import (
    EvidenceItem,
    EvidenceStatus,
    EvidenceTask,
    due_month,
    evidence_checklist,
    held_levels,
    items_between,
    missing_evidence,
    raise_values,
)

ACCEPTED, REVISE, MISSING = EvidenceStatus.ACCEPTED, EvidenceStatus.REVISE, EvidenceStatus.MISSING


def item(code: str) -> EvidenceItem:
    """``'11-L3-02'`` -> an item of indicator 11, level 3."""
    indicator, level, _ = code.split("-")
    return EvidenceItem(code, indicator, int(level[1:]), f"butir {code}", "uji")


ITEMS = tuple(item(c) for c in (
    "11-L1-01", "11-L2-01", "11-L2-02", "11-L3-01", "11-L4-01", "11-L5-01",
    "12-L2-01", "12-L3-01", "12-L3-02",
    "I1-L2-01", "I1-L3-01",
))


def test_doctests() -> None:
    assert doctest.testmod(roadmap.evidence).failed == 0


# --- checklist ---------------------------------------------------------------------------------

def test_items_between_is_open_below_closed_above_and_ordered() -> None:
    codes = [i.code for i in items_between(reversed(ITEMS), "11", 1, 3)]
    assert codes == ["11-L2-01", "11-L2-02", "11-L3-01"]
    assert items_between(ITEMS, "11", 3, 3) == ()


def test_due_month_clips_to_deadline_and_defaults_to_full_year() -> None:
    assert due_month(4, None) == 4
    assert due_month(11, 9) == 9
    assert due_month(None, 7) == 7
    assert due_month(None, None) == 12
    assert due_month(14, None) == 12


def test_checklist_lists_the_levels_above_current_for_every_effect() -> None:
    tasks = evidence_checklist(ITEMS, [("11", 3), ("12", 2)], {"11": 1, "12": 1},
                               opd="Diskominfo", end_month=5, deadline=8)
    assert [t.code for t in tasks] == ["11-L2-01", "11-L2-02", "11-L3-01", "12-L2-01"]
    assert tasks[0] == EvidenceTask("11-L2-01", "11", 2, "butir 11-L2-01", "Diskominfo", 5)
    assert {t.due_month for t in tasks} == {5}


def test_checklist_with_decimal_current_value_and_done_effect() -> None:
    # Pemdi 2.26 holds level 2: only level 3 is still to produce
    tasks = evidence_checklist(ITEMS, [("I1", 3)], {"I1": 2.26}, end_month=10, deadline=8)
    assert [(t.code, t.due_month, t.opd) for t in tasks] == [("I1-L3-01", 8, "")]
    assert evidence_checklist(ITEMS, [("12", 3)], {"12": 3}) == ()


# --- held levels -------------------------------------------------------------------------------

def test_level_held_when_all_items_accepted_and_lower_levels_held() -> None:
    statuses = {"11-L2-01": ACCEPTED, "11-L2-02": ACCEPTED, "11-L3-01": ACCEPTED}
    assert held_levels(ITEMS, statuses, {"11": 1, "12": 1}) == {"11": 3, "12": 1}


def test_one_item_not_accepted_keeps_the_level_and_everything_above() -> None:
    statuses = {"11-L2-01": ACCEPTED, "11-L2-02": REVISE, "11-L3-01": ACCEPTED}
    assert held_levels(ITEMS, statuses, {"11": 1}) == {"11": 1}
    statuses["11-L2-02"] = MISSING
    assert held_levels(ITEMS, statuses, {"11": 1}) == {"11": 1}


def test_lower_level_held_by_the_assessment_counts() -> None:
    statuses = {"12-L3-01": ACCEPTED, "12-L3-02": ACCEPTED}
    assert held_levels(ITEMS, statuses, {"12": 2}) == {"12": 3}
    # ...but not when level 2 is neither assessed nor evidenced
    assert held_levels(ITEMS, statuses, {"12": 1}) == {"12": 1}


def test_a_level_without_items_is_not_held_by_evidence() -> None:
    # indicator 12 has no level-1 item: from 0 nothing can be evidenced
    assert held_levels(ITEMS, {"12-L2-01": ACCEPTED}, {"12": 0}) == {"12": 0}


def test_raise_values_never_lowers() -> None:
    assert raise_values({"11": 3.0, "I1": 1.42}, {"11": 2, "I1": 2}) == {"11": 3.0, "I1": 2.0}


@given(
    values=st.fixed_dictionaries({"11": st.sampled_from([0.0, 1.0, 2.0, 3.0]),
                                  "12": st.sampled_from([1.0, 1.5, 2.0, 2.75])}),
    accepted=st.sets(st.sampled_from([i.code for i in ITEMS])),
    more=st.sets(st.sampled_from([i.code for i in ITEMS])),
)
def test_held_levels_are_monotone(values: dict[str, float], accepted: set[str],
                                  more: set[str]) -> None:
    """Never below the assessment; accepting more items never lowers a held level."""
    few = held_levels(ITEMS, dict.fromkeys(accepted, ACCEPTED), values)
    many = held_levels(ITEMS, dict.fromkeys(accepted | more, ACCEPTED), values)
    for indicator, value in values.items():
        assert value - 1 < few[indicator] <= many[indicator]
    raised = raise_values(values, many)
    assert all(raised[i] >= values[i] for i in values)


# --- missing -----------------------------------------------------------------------------------

def test_missing_lists_next_level_and_started_higher_levels() -> None:
    statuses = {"11-L2-01": ACCEPTED, "11-L4-01": REVISE}
    held = held_levels(ITEMS, statuses, {"11": 1, "12": 2})
    missing = missing_evidence(ITEMS, statuses, held)
    assert [(m.code, m.status) for m in missing] == [
        ("11-L2-02", None),           # next level, not in the file
        ("11-L4-01", REVISE),         # a higher level already under way
        ("12-L3-01", None), ("12-L3-02", None),
    ]


def test_nothing_missing_at_the_top() -> None:
    assert missing_evidence(ITEMS, {}, {"11": 5}) == ()
