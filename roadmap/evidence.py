"""Evidence (*data dukung*): the items each level asks for, a plan's checklist, held levels.

A framework's ``evidence.csv`` lists, for every indicator and level, the items the level
criteria ask the assessors to see, each with a stable code ``<indicator>-L<level>-<nn>``.
This module turns them into three things a planner needs:

- ``evidence_checklist``: the items one planned action must produce, with its OPD and the
  month of the plan year by which they must be ready;
- ``held_levels``: the level each indicator holds when an evidence status file says which items
  the assessors already accepted (``diterima``); a level is held when all its items are
  accepted and every lower level is held (or already reached in the assessment);
- ``missing_evidence``: the items still to be produced above the held level.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

FULL_YEAR = 12


class EvidenceStatus(StrEnum):
    """The assessors' verdict on one item, as written in a status file."""

    ACCEPTED = "diterima"
    REVISE = "revisi"
    MISSING = "belum"


@dataclass(frozen=True)
class EvidenceItem:
    """One piece of evidence a level's criteria ask for.

    ``public`` is False where the criterion text is not public and the item is an estimate
    (``source`` then says so).
    """

    code: str
    indicator: str
    level: int
    item: str
    source: str
    public: bool = True


@dataclass(frozen=True)
class EvidenceTask:
    """An item a planned action must produce, by whom and by which month (1-12) of the year."""

    code: str
    indicator: str
    level: int
    item: str
    opd: str
    due_month: int


@dataclass(frozen=True)
class MissingItem:
    """An item not yet accepted; ``status`` is None when the status file does not list it."""

    code: str
    indicator: str
    level: int
    item: str
    status: EvidenceStatus | None


def items_between(items: Iterable[EvidenceItem], indicator: str, above: float,
                  upto: int) -> tuple[EvidenceItem, ...]:
    """The items of ``indicator`` for the levels ``l`` with ``above < l <= upto``, in order.

    >>> items = (EvidenceItem("11-L2-01", "11", 2, "Dokumen", "pedoman"),
    ...          EvidenceItem("11-L3-01", "11", 3, "Dokumen lengkap", "pedoman"))
    >>> [i.code for i in items_between(items, "11", 1.5, 3)]
    ['11-L2-01', '11-L3-01']
    """
    return tuple(sorted(
        (i for i in items if i.indicator == indicator and above < i.level <= upto),
        key=lambda i: (i.level, i.code),
    ))


def due_month(end_month: int | None, deadline: int | None) -> int:
    """The month an action's evidence is due: its end month, clipped to the deadline.

    ``deadline`` is the last month before the evaluation's upload deadline (``--months``);
    None means no limit, i.e. the whole year (12). An action without a schedule is due at
    the deadline.

    >>> due_month(5, 8), due_month(10, 8), due_month(None, None), due_month(3, None)
    (5, 8, 12, 3)
    """
    limit = FULL_YEAR if deadline is None else min(deadline, FULL_YEAR)
    return limit if end_month is None else min(end_month, limit)


def evidence_checklist(
    items: Iterable[EvidenceItem],
    effects: Iterable[tuple[str, int]],
    current: Mapping[str, float],
    *,
    opd: str = "",
    end_month: int | None = None,
    deadline: int | None = None,
) -> tuple[EvidenceTask, ...]:
    """The items one selected action must produce.

    For each effect ``(i, L)`` the items of the levels above ``current[i]`` up to ``L``; each
    carries the action's ``opd`` and ``due_month(end_month, deadline)``.

    >>> items = (EvidenceItem("11-L2-01", "11", 2, "Dokumen Arsitektur", "pedoman"),
    ...          EvidenceItem("11-L3-01", "11", 3, "Dokumen lengkap", "pedoman"))
    >>> [(t.code, t.due_month) for t in evidence_checklist(
    ...     items, [("11", 3)], {"11": 2}, opd="Bappeda", end_month=6, deadline=8)]
    [('11-L3-01', 6)]
    """
    items = tuple(items)
    due = due_month(end_month, deadline)
    tasks: list[EvidenceTask] = []
    for indicator, level in effects:
        for item in items_between(items, indicator, current.get(indicator, 0.0), level):
            tasks.append(EvidenceTask(item.code, item.indicator, item.level, item.item, opd, due))
    return tuple(tasks)


def held_levels(
    items: Iterable[EvidenceItem],
    statuses: Mapping[str, EvidenceStatus],
    values: Mapping[str, float],
) -> dict[str, int]:
    """The whole level each indicator holds, from the assessment and the accepted evidence.

    Level ``l`` is held when ``values[i] >= l``, or when level ``l`` has items, all of them
    ``diterima``, and level ``l - 1`` is held (level 0 always is). A level without items is
    never held by evidence alone.

    >>> items = (EvidenceItem("11-L2-01", "11", 2, "Dokumen", "pedoman"),
    ...          EvidenceItem("11-L3-01", "11", 3, "Dokumen lengkap", "pedoman"))
    >>> held_levels(items, {"11-L2-01": EvidenceStatus.ACCEPTED}, {"11": 1, "12": 2})
    {'11': 2, '12': 2}
    """
    by_level: dict[tuple[str, int], list[EvidenceItem]] = {}
    for item in items:
        by_level.setdefault((item.indicator, item.level), []).append(item)
    held: dict[str, int] = {}
    for indicator, value in values.items():
        level = math.floor(value + 1e-9)
        while True:
            wanted = by_level.get((indicator, level + 1))
            if not wanted or any(statuses.get(i.code) != EvidenceStatus.ACCEPTED for i in wanted):
                break
            level += 1
        held[indicator] = level
    return held


def raise_values(values: Mapping[str, float], held: Mapping[str, int]) -> dict[str, float]:
    """The values raised to the held levels (a value is never lowered).

    >>> raise_values({"11": 1.0, "12": 2.5}, {"11": 2, "12": 2})
    {'11': 2.0, '12': 2.5}
    """
    return {i: max(v, float(held.get(i, 0))) for i, v in values.items()}


def missing_evidence(
    items: Iterable[EvidenceItem],
    statuses: Mapping[str, EvidenceStatus],
    held: Mapping[str, int],
) -> tuple[MissingItem, ...]:
    """The items not yet ``diterima`` of the levels still to reach, per indicator and level.

    Per indicator: the level above the held one, and every higher level for which the status
    file lists at least one item (work under way). Sorted by indicator order of ``held``,
    then level and code.

    >>> items = (EvidenceItem("11-L2-01", "11", 2, "Dokumen", "pedoman"),
    ...          EvidenceItem("11-L3-01", "11", 3, "Dokumen lengkap", "pedoman"))
    >>> [(m.code, m.status) for m in missing_evidence(items, {}, {"11": 1})]
    [('11-L2-01', None)]
    """
    items = tuple(items)
    order = {indicator: n for n, indicator in enumerate(held)}
    started = {
        (i.indicator, i.level) for i in items if i.code in statuses
    }
    missing = [
        MissingItem(i.code, i.indicator, i.level, i.item, statuses.get(i.code))
        for i in items
        if i.indicator in held and i.level > held[i.indicator]
        and (i.level == held[i.indicator] + 1 or (i.indicator, i.level) in started)
        and statuses.get(i.code) != EvidenceStatus.ACCEPTED
    ]
    return tuple(sorted(missing, key=lambda m: (order[m.indicator], m.level, m.code)))
