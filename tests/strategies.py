"""Hypothesis strategies for small random planning instances.

Frameworks of 3-5 indicators (SPBE-like: ids ``"1".."n"``, whole levels, 0 allowed; or
Pemdi-like: ids ``"I1".."In"``, values with decimals such as 1.26) with some track records and
lagged indicators, assessments, dependency rules that form a DAG, catalogues with multi-effect
actions, explicit prerequisites (with alternatives), exclusive groups and success
probabilities, and plan options (budget, force, exclude, OPD limits, month limit). Everything
is built directly as domain objects, without files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from hypothesis import strategies as st

from roadmap.actions import Action, Catalogue, Effect
from roadmap.assessment import Assessment
from roadmap.dependencies import Rule
from roadmap.framework import Band, Framework, Group, Indicator, TrackRecord, ValueScale
from roadmap.optimizer import PlanOptions
from roadmap.problem import PlanningProblem

MAX_LEVEL = 4
WHOLE_VALUES = (0.0, 1.0, 1.0, 1.0, 2.0, 2.0, 3.0, 4.0)
DECIMAL_VALUES = (1.0, 1.0, 1.17, 1.26, 1.5, 1.75, 2.0, 2.26, 2.5, 3.0, 3.4, 4.0)
PROBABILITIES = (1.0, 0.9, 0.85, 0.8, 0.75, 0.6, 0.5)
MONTHS = (None, 1, 3, 4, 6, 8)
OPDS = ("Diskominfo", "Bappeda")
MILLION = 1_000_000


def make_framework(ids: Sequence[str], weights: Sequence[float], *, decimals: bool,
                   max_level: int = MAX_LEVEL, track_records: Sequence[TrackRecord] = (),
                   lagged: Sequence[str] = ()) -> Framework:
    """A one-aspect framework with the given indicator ids and weights (track records and
    lagged indicators optional)."""
    total = float(sum(weights))
    return Framework(
        id="uji-pemdi" if decimals else "uji-spbe", title="Kerangka uji", index_name="Indeks Uji",
        id_style="text" if decimals else "number",
        group_kinds=("aspect",), group_labels={"aspect": "Aspek"}, total_weight=total,
        value=ValueScale(min=1, max=max_level, whole=not decimals, allow_zero=not decimals,
                         decimals=2 if decimals else 0),
        levels={level: (f"Tingkat {level}",) for level in range(1, max_level + 1)},
        predicates=(Band("Kurang", 0.0), Band("Cukup", 1.8), Band("Baik", 2.6)),
        indicators=tuple(
            Indicator(id=i, code=i, name=f"Indikator {i}", weight=float(w),
                      groups={"aspect": "1"}, lagged=i in lagged)
            for i, w in zip(ids, weights, strict=True)
        ),
        groups=(Group("aspect", "1", "Aspek Uji", total),),
        track_records=tuple(track_records),
    )


@st.composite
def frameworks(draw: st.DrawFn, min_size: int = 3, max_size: int = 5) -> Framework:
    """A tiny framework: 3-5 indicators with random weights, SPBE-like or Pemdi-like ids."""
    size = draw(st.integers(min_size, max_size))
    decimals = draw(st.booleans())
    ids = [f"I{k}" if decimals else str(k) for k in range(1, size + 1)]
    weights = draw(st.lists(st.integers(1, 20), min_size=size, max_size=size))
    records = [TrackRecord(i, level, draw(st.sampled_from((1, 1, 2))))
               for i in ids for level in range(3, MAX_LEVEL + 1)
               if draw(st.integers(0, 3)) == 0]
    lagged = [i for i in ids if draw(st.integers(0, 9)) == 0]
    return make_framework(ids, weights, decimals=decimals, track_records=records,
                          lagged=lagged)


@st.composite
def assessments(draw: st.DrawFn, framework: Framework) -> Assessment:
    """Current values: whole levels (0 = not assessed) or partial decimals like 1.26."""
    pool = WHOLE_VALUES if framework.value.whole else DECIMAL_VALUES
    values = {i: draw(st.sampled_from(pool)) for i in framework.indicator_ids}
    return Assessment(framework, values, name="acak")


@st.composite
def rule_sets(draw: st.DrawFn, framework: Framework, max_rules: int = 4) -> tuple[Rule, ...]:
    """Rules ``(i, l) <- (j, m)`` that only point from earlier to later indicators of a random
    order, so together with the level chains they always form a DAG."""
    order = draw(st.permutations(framework.indicator_ids))
    top = framework.max_level
    rules = []
    for _ in range(draw(st.integers(0, max_rules))):
        a, b = sorted(draw(st.lists(st.integers(0, len(order) - 1), min_size=2, max_size=2,
                                    unique=True)))
        rules.append(Rule(order[b], draw(st.integers(2, top)), order[a],
                          draw(st.integers(1, top)), reason="uji", source="asumsi"))
    return tuple(rules)


def _action(k: int, effects: Sequence[Effect], cost_units: int, probability: float,
            months: int | None, opd: str, requires: tuple[tuple[str, ...], ...]) -> Action:
    return Action(id=f"A{k}", name=f"Aksi {k}", effects=tuple(effects),
                  cost=float(cost_units * 5 * MILLION), probability=probability, months=months,
                  opd=opd, requires=requires)


@st.composite
def _requires(draw: st.DrawFn, k: int) -> tuple[tuple[str, ...], ...]:
    """Zero or one group of one or two alternatives among the earlier actions (no cycle)."""
    if k == 0 or not draw(st.booleans()):
        return ()
    group = draw(st.lists(st.integers(0, k - 1), min_size=1, max_size=2, unique=True))
    return (tuple(f"A{j}" for j in sorted(group)),)


@st.composite
def catalogues(draw: st.DrawFn, assessment: Assessment, max_actions: int = 7,
               certain: bool = False, single_provider: bool = False) -> Catalogue:
    """Random actions with one or two effects.

    ``certain``: every probability is 1. ``single_provider``: every node not achieved today
    has at most one provider (no two actions raise the same indicator above its value).
    """
    framework = assessment.framework
    values = assessment.values
    top = framework.max_level
    open_ids = [i for i in framework.indicator_ids if values[i] < top]
    actions = []
    claimed: set[str] = set()
    groups = draw(st.sampled_from(((), ("G1",), ("G1", "G2"))))
    for k in range(draw(st.integers(1, max_actions))):
        pool = [i for i in (open_ids if single_provider else framework.indicator_ids)
                if i not in claimed]
        if not pool:
            break
        chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True))
        effects = []
        for indicator in chosen:
            low = int(values[indicator]) + 1 if single_provider else 1
            effects.append(Effect(indicator, draw(st.integers(min(low, top), top))))
        if single_provider:
            claimed.update(chosen)
        actions.append(replace(_action(
            k, effects, draw(st.integers(1, 20)),
            1.0 if certain else draw(st.sampled_from(PROBABILITIES)),
            draw(st.sampled_from(MONTHS)), draw(st.sampled_from(OPDS)), draw(_requires(k)),
        ), group=draw(st.sampled_from(("", *groups))) if groups else ""))
    return Catalogue(framework, draw(_renamed(actions)))


@st.composite
def _renamed(draw: st.DrawFn, actions: list[Action]) -> tuple[Action, ...]:
    """The same actions under shuffled ids, so that an explicit prerequisite is not always
    the action with the smaller id (ties are often broken by id)."""
    names = dict(zip((a.id for a in actions), draw(st.permutations([a.id for a in actions])),
                     strict=True))
    return tuple(
        replace(a, id=names[a.id],
                requires=tuple(tuple(names[b] for b in group) for group in a.requires))
        for a in actions
    )


@st.composite
def step_catalogues(draw: st.DrawFn, assessment: Assessment, max_actions: int = 7
                    ) -> Catalogue:
    """Step chains as in the default catalogues: per indicator, one action per level from the
    next level up, each requiring the previous step (so a level has two providers in a plan
    that holds both steps), with probabilities below 1."""
    framework = assessment.framework
    actions: list[Action] = []
    for indicator in draw(st.permutations(framework.indicator_ids)):
        start = int(assessment.values[indicator]) + 1
        previous: str | None = None
        for level in range(start, framework.max_level + 1):
            if len(actions) == max_actions or not draw(st.booleans()):
                break
            k = len(actions)
            actions.append(_action(
                k, [Effect(indicator, level)], draw(st.integers(1, 20)),
                draw(st.sampled_from(PROBABILITIES)), None, "Diskominfo",
                ((previous,),) if previous else (),
            ))
            previous = f"A{k}"
    if not actions:
        indicator = framework.indicator_ids[0]
        level = min(int(assessment.values[indicator]) + 1, framework.max_level)
        actions.append(_action(0, [Effect(indicator, level)], 1, 0.8, None, "Diskominfo", ()))
    return Catalogue(framework, tuple(actions))


@st.composite
def plan_options(draw: st.DrawFn, problem: PlanningProblem, constraints: bool = True
                 ) -> PlanOptions:
    """A budget that buys part of the catalogue; with ``constraints``, maybe a forced action,
    an excluded one, an OPD budget or action count and a month limit."""
    actions = problem.catalogue.actions
    total = sum(a.cost for a in actions)
    budget = float(round(total * draw(st.sampled_from((0.0, 0.25, 0.4, 0.6, 1.0)))))
    if not constraints:
        return PlanOptions(budget=budget, max_months=None)
    free = [a.id for a in actions if a.id not in problem.done_actions]
    force = tuple(draw(st.lists(st.sampled_from(free), max_size=1))) if free else ()
    others = [a.id for a in actions if a.id not in force]
    exclude = tuple(draw(st.lists(st.sampled_from(others), max_size=1))) if others else ()
    opd_budgets = {}
    if draw(st.integers(0, 3)) == 0:
        opd_budgets = {OPDS[0]: float(draw(st.integers(0, 40)) * 5 * MILLION)}
    opd_max = {OPDS[1]: draw(st.integers(0, 2))} if draw(st.integers(0, 3)) == 0 else {}
    return PlanOptions(budget=budget, force=force, exclude=exclude, opd_budgets=opd_budgets,
                       opd_max_actions=opd_max, max_months=draw(st.sampled_from((None, 12, 6))))


@dataclass(frozen=True)
class Instance:
    problem: PlanningProblem
    options: PlanOptions

    def __repr__(self) -> str:
        """Compact enough to read a shrunk failing example."""
        problem = self.problem
        framework = problem.framework
        weights = {i.id: i.weight for i in framework.indicators}
        rules = [f"{r.indicator}:{r.level}<-{r.requires_indicator}:{r.requires_level}"
                 for r in problem.rules]
        actions = [
            f"{a.id}[{'; '.join(f'{e.indicator}:{e.level}' for e in a.effects)} "
            f"{a.cost / MILLION:g}jt p={a.probability:g} m={a.months} {a.opd} "
            f"req={'; '.join('|'.join(g) for g in a.requires)} g={a.group}]"
            for a in problem.catalogue
        ]
        records = [(r.indicator, r.level, r.years) for r in framework.track_records]
        lagged = [i.id for i in framework.indicators if i.lagged]
        return (f"Instance(weights={weights}, values={dict(problem.assessment.values)}, "
                f"rules={rules}, records={records}, lagged={lagged}, actions={actions}, "
                f"options={self.options})")

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))


@st.composite
def instances(draw: st.DrawFn, max_actions: int = 7, certain: bool = False,
              single_provider: bool = False, steps: bool = False,
              constraints: bool = True) -> Instance:
    """A random problem with options (see the module docstring)."""
    framework = draw(frameworks())
    assessment = draw(assessments(framework))
    rules = draw(rule_sets(framework))
    if steps:
        catalogue = draw(step_catalogues(assessment, max_actions))
    else:
        catalogue = draw(catalogues(assessment, max_actions, certain, single_provider))
    problem = PlanningProblem(assessment, catalogue, rules)
    return Instance(problem, draw(plan_options(problem, constraints)))


@st.composite
def sub_catalogues(draw: st.DrawFn, catalogue: Catalogue, max_actions: int = 8) -> Catalogue:
    """A few actions of a real catalogue, closed under explicit prerequisites (the first
    alternative of an unmet group is added), with ``requires`` restricted to what was kept."""
    by_id = {a.id: a for a in catalogue}
    picked = draw(st.lists(st.sampled_from(catalogue.ids), min_size=1, max_size=max_actions,
                           unique=True))
    chosen: list[str] = []
    for action_id in picked:
        needed = [action_id]
        closure: list[str] = []
        while needed:
            current = needed.pop()
            if current in chosen or current in closure:
                continue
            closure.append(current)
            for group in by_id[current].requires:
                if not any(b in chosen or b in closure for b in group):
                    needed.append(group[0])
        if len(chosen) + len(closure) <= max_actions:
            chosen.extend(closure)
    kept = set(chosen)
    actions = []
    for action in catalogue:
        if action.id in kept:
            requires = tuple(tuple(b for b in group if b in kept) for group in action.requires)
            actions.append(replace(action, requires=requires))
    return Catalogue(catalogue.framework, tuple(actions))
