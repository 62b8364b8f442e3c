"""Success probabilities learned from a pemda's own evaluation history (Beta-binomial).

A history holds, per year and indicator, the self-assessed value (``mandiri``) and the
assessors' result (``final``). The rules, in full:

- **Claims.** A row of year ``t`` claims every level step ``L`` with
  ``floor(previous final) < L <= floor(mandiri)``, where *previous final* is the final value of
  the latest earlier year of the same indicator in the history. The first year of an
  indicator has no previous final, so it claims nothing (it only sets the baseline).
- **Acceptance.** A claimed step ``L`` is accepted when ``final >= L``.
- **Prior.** ``p0`` of step ``(i, L)`` is the mean probability of the catalogue actions whose
  effect on ``i`` is exactly level ``L``; where no action has such an effect, the pooled ``p0``
  of level ``L``: the mean over every effect at level ``L`` of any indicator (and where no
  action reaches level ``L`` at all, the mean over every effect).
- **Posterior.** With prior ``Beta(k p0, k (1 - p0))`` of strength ``k`` (default 10), a step
  with ``n`` claims of which ``a`` were accepted gets the posterior mean
  ``(k p0 + a) / (k + n)``: three claims move it a little, thirty a lot.
- **Per indicator or pooled.** A step ``(i, L)`` with at least ``min_claims`` (default 5)
  claims gets its own row; every level gets a pooled row (``indicator`` None) over all
  indicators. ``Calibration.probability(i, L)`` uses the indicator row where there is one, else
  the pooled row of the level when it has claims, else nothing (the catalogue default stays).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from statistics import fmean

from roadmap.actions import Action, Catalogue
from roadmap.errors import InputError
from roadmap.framework import Framework

PRIOR_STRENGTH = 10.0
MIN_CLAIMS = 5


@dataclass(frozen=True)
class HistoryRow:
    """One indicator in one year's evaluation: the self-assessed and the final value."""

    year: int
    indicator: str
    self_assessed: float
    final: float


@dataclass(frozen=True)
class History:
    """The rows of a history file, all of one framework; ``name`` is the file's stem."""

    framework: Framework
    rows: tuple[HistoryRow, ...]
    name: str = ""

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({r.year for r in self.rows}))


@dataclass(frozen=True)
class Step:
    """Claims and acceptances of one level step, with the prior and the calibrated probability.

    ``indicator`` is None for the pooled row of a level.
    """

    indicator: str | None
    level: int
    claims: int
    accepted: int
    prior: float
    probability: float


@dataclass(frozen=True)
class Calibration:
    """The calibrated steps of one framework and the settings that produced them.

    ``steps`` holds a pooled row for every level, then the per-indicator rows.
    """

    framework_id: str
    steps: tuple[Step, ...]
    prior_strength: float = PRIOR_STRENGTH
    min_claims: int = MIN_CLAIMS

    def step(self, indicator: str | None, level: int) -> Step | None:
        """The row of ``(indicator, level)``, or of the pooled level when ``indicator`` is None."""
        return next((s for s in self.steps if s.indicator == indicator and s.level == level),
                    None)

    def probability(self, indicator: str, level: int) -> float | None:
        """The calibrated probability of a step: per indicator, else pooled, else None."""
        own = self.step(indicator, level)
        if own is not None:
            return own.probability
        pooled = self.step(None, level)
        return pooled.probability if pooled is not None and pooled.claims else None


def posterior_mean(prior: float, claims: int, accepted: int,
                   strength: float = PRIOR_STRENGTH) -> float:
    """The mean of the Beta posterior after ``accepted`` of ``claims`` with prior mean ``prior``.

    >>> round(posterior_mean(0.8, 10, 2), 3)
    0.5
    >>> posterior_mean(0.8, 0, 0)
    0.8
    """
    return (strength * prior + accepted) / (strength + claims)


def count_claims(rows: Iterable[HistoryRow]) -> dict[tuple[str, int], tuple[int, int]]:
    """``(indicator, level) -> (claims, accepted)`` under the claim rule of this module.

    >>> rows = [HistoryRow(2023, "11", 1, 1), HistoryRow(2024, "11", 3, 2)]
    >>> count_claims(rows)
    {('11', 2): (1, 1), ('11', 3): (1, 0)}
    """
    counts: dict[tuple[str, int], tuple[int, int]] = {}
    previous: dict[str, float] = {}
    for row in sorted(rows, key=lambda r: (r.year, r.indicator)):
        if row.indicator in previous:
            low = _whole(previous[row.indicator])
            for level in range(low + 1, _whole(row.self_assessed) + 1):
                claims, accepted = counts.get((row.indicator, level), (0, 0))
                counts[(row.indicator, level)] = (claims + 1,
                                                  accepted + (row.final >= level - 1e-9))
        previous[row.indicator] = row.final
    return dict(sorted(counts.items(), key=lambda kv: (kv[0][1], kv[0][0])))


def catalogue_priors(catalogue: Catalogue) -> dict[tuple[str | None, int], float]:
    """Prior means ``p0``: per ``(indicator, level)`` with an action, and pooled ``(None, L)``.

    Pooled ``p0`` exists for every level 1..max: the mean over the effects at that level, or
    over all effects where no action reaches it.
    """
    by_step: dict[tuple[str, int], list[float]] = {}
    for action in catalogue:
        for effect in action.effects:
            by_step.setdefault((effect.indicator, effect.level), []).append(action.probability)
    priors: dict[tuple[str | None, int], float] = {k: fmean(v) for k, v in by_step.items()}
    everything = [p for ps in by_step.values() for p in ps] or [1.0]
    for level in range(1, catalogue.framework.max_level + 1):
        at_level = [p for (_, lvl), ps in by_step.items() if lvl == level for p in ps]
        priors[(None, level)] = fmean(at_level or everything)
    return priors


def calibrate(history: History, catalogue: Catalogue, *,
              prior_strength: float = PRIOR_STRENGTH,
              min_claims: int = MIN_CLAIMS) -> Calibration:
    """Calibrate the success probability of each level step from ``history``.

    Returns pooled rows for every level (ordered by level) followed by per-indicator rows for
    the steps with at least ``min_claims`` claims (ordered by level, then framework order).
    """
    _same_framework(history.framework, catalogue)
    counts = count_claims(history.rows)
    priors = catalogue_priors(catalogue)
    steps: list[Step] = []
    for level in range(1, catalogue.framework.max_level + 1):
        claims = sum(n for (_, lvl), (n, _) in counts.items() if lvl == level)
        accepted = sum(a for (_, lvl), (_, a) in counts.items() if lvl == level)
        prior = priors[(None, level)]
        steps.append(Step(None, level, claims, accepted, prior,
                          posterior_mean(prior, claims, accepted, prior_strength)))
    order = {i: n for n, i in enumerate(catalogue.framework.indicator_ids)}
    for (indicator, level), (claims, accepted) in sorted(
            counts.items(), key=lambda kv: (kv[0][1], order[kv[0][0]])):
        if claims >= min_claims:
            prior = priors.get((indicator, level), priors[(None, level)])
            steps.append(Step(indicator, level, claims, accepted, prior,
                              posterior_mean(prior, claims, accepted, prior_strength)))
    return Calibration(catalogue.framework.id, tuple(steps), prior_strength, min_claims)


def calibrate_catalogue(catalogue: Catalogue, calibration: Calibration) -> Catalogue:
    """The catalogue with each action's probability replaced by its calibrated step.

    An action's step is its highest effect level ``L``; it gets the calibrated probability of
    ``(i, L)`` for its effect(s) at that level (per indicator where available, else the pooled
    level), the lowest of them when several indicators share ``L``; an action whose steps have
    no data keeps its catalogue probability.
    """
    if calibration.framework_id != catalogue.framework.id:
        raise InputError(f"kalibrasi untuk kerangka {calibration.framework_id}, katalog untuk "
                         f"kerangka {catalogue.framework.id}")
    return replace(catalogue, actions=tuple(
        _calibrated(action, calibration) for action in catalogue.actions))


def _calibrated(action: Action, calibration: Calibration) -> Action:
    top = max(e.level for e in action.effects)
    found = [p for e in action.effects if e.level == top
             if (p := calibration.probability(e.indicator, top)) is not None]
    return replace(action, probability=min(found)) if found else action


def _same_framework(framework: Framework, catalogue: Catalogue) -> None:
    if framework.id != catalogue.framework.id:
        raise InputError(f"riwayat memakai kerangka {framework.id}, katalog aksi memakai "
                         f"kerangka {catalogue.framework.id}")


def _whole(value: float) -> int:
    return math.floor(value + 1e-9)
