"""Turn a set of chosen actions into a prioritized, explained rencana aksi.

Order: an action comes after every selected action that provides something it needs (its
explicit prerequisites, the lower levels and rule prerequisites of the levels it brings).
Among actions that are free to go next, the one with the largest marginal expected gain comes
first, then the cheaper, then by id. Months: each action starts when the selected actions named
in its explicit prerequisites have finished (rule prerequisites between indicators only need to
be met by the evidence deadline and may run in parallel), as the optimizer's month limit does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx

from roadmap.actions import Action
from roadmap.evidence import EvidenceTask, evidence_checklist
from roadmap.expectation import change, expected_outcome, gain_delta
from roadmap.framework import Framework
from roadmap.numbers import format_rupiah
from roadmap.options import PlanOptions, chain_months
from roadmap.plan import NearMiss, Plan, PlannedAction, PlanStatus
from roadmap.problem import PlanningProblem
from roadmap.schedule import finish_months

NEAR_MISSES = 10


def precedence_graph(problem: PlanningProblem, selected: Sequence[str]) -> nx.DiGraph:
    """Edges ``b -> a`` between selected actions: ``b`` provides something ``a`` needs."""
    chosen = set(selected)
    graph = nx.DiGraph()
    graph.add_nodes_from(selected)
    for action_id in selected:
        action = problem.by_id[action_id]
        for group in action.requires:
            for b in group:
                if b in chosen:
                    graph.add_edge(b, action_id, explicit=True)
        provided = {n for n in problem.new_nodes if action.provides(n)}
        needed = set().union(*(problem.closures[n] for n in provided)) - provided if (
            provided) else set()
        for node in needed:
            for b in problem.providers[node]:
                if b in chosen and b != action_id and not graph.has_edge(b, action_id):
                    graph.add_edge(b, action_id, explicit=False)
    # An action and a bundle may provide each other's prerequisites; such a pair has no
    # order between them, so cycles are dropped edge by edge, deterministically. Explicit
    # prerequisites are acyclic and always kept (the schedule waits for them).
    while not nx.is_directed_acyclic_graph(graph):
        cycle = nx.find_cycle(graph)
        graph.remove_edge(*max(e for e in cycle if not graph.edges[e]["explicit"]))
    return graph


def format_indicator_list(framework: Framework, ids: Iterable[str]) -> str:
    """``['21', '22', '23', '25']`` -> ``'21–23, 25'`` in framework order."""
    order = {i: k for k, i in enumerate(framework.indicator_ids)}
    ranked = sorted(set(ids), key=order.__getitem__)
    parts: list[list[str]] = []
    for indicator in ranked:
        if parts and order[indicator] == order[parts[-1][-1]] + 1:
            parts[-1].append(indicator)
        else:
            parts.append([indicator])
    return ", ".join(p[0] if len(p) == 1 else f"{p[0]}–{p[-1]}" if len(p) > 2
                     else f"{p[0]}, {p[1]}" for p in parts)


def reason(problem: PlanningProblem, action: Action, selected: Sequence[str]) -> str:
    """One line in Bahasa Indonesia: which indicators it raises and which it unlocks."""
    framework = problem.framework
    values = problem.assessment.values
    raises = []
    for effect in action.effects:
        if effect.level > values[effect.indicator]:
            name = framework.indicator(effect.indicator).name
            raises.append(f"{effect.indicator} {name} ke tingkat {effect.level}")
    provided = {n for n in problem.new_nodes if action.provides(n)}
    unlocked = {
        node[0] for node in problem.new_nodes
        if node[0] not in {e.indicator for e in action.effects}
        and problem.closures[node] & provided
        and any(a in selected for a in problem.providers[node])
    }
    parts = []
    if raises:
        parts.append("menaikkan " + "; ".join(raises))
    if unlocked:
        parts.append("membuka indikator " + format_indicator_list(framework, unlocked))
    for group in action.requires:
        if not any(b in problem.done_actions for b in group):
            parts.append("prasyarat: " + " atau ".join(group))
    return "; ".join(parts) if parts else "tidak menambah tingkat (sudah tercapai)"


def rank_order(problem: PlanningProblem, selected: Sequence[str]
               ) -> tuple[list[str], dict[str, float], dict[str, float], nx.DiGraph]:
    """The rencana-aksi order of ``selected`` with each action's contribution and marginal gain.

    Order: an action comes after every selected action that provides something it needs
    (``precedence_graph``); among the actions free to go next, the one whose removal would cost
    the plan most (marginal gain) comes first, then the cheaper, then by id. An unlocking action
    is so never listed after what it unlocks. ``contribution[a]`` is the gain in expected index
    when ``a`` is added to the actions ranked before it; contributions add up to the plan's
    expected gain.
    """
    chosen = tuple(selected)
    marginal = {a: -gain_delta(problem, chosen, a) for a in chosen}
    graph = precedence_graph(problem, chosen)
    order = list(nx.lexicographical_topological_sort(
        graph, key=lambda a: (-round(marginal[a], 12), problem.by_id[a].cost, a)))
    contribution: dict[str, float] = {}
    placed: list[str] = []
    for action_id in order:
        contribution[action_id] = gain_delta(problem, placed, action_id)
        placed.append(action_id)
    return order, contribution, marginal, graph


def assemble_plan(
    problem: PlanningProblem,
    options: PlanOptions,
    selected: Sequence[str],
    *,
    status: PlanStatus,
    method: str,
    proven_optimal: bool,
    exact_model: bool,
    solver: str,
    build_seconds: float = 0.0,
    solve_seconds: float = 0.0,
    gap: float = 0.0,
) -> Plan:
    """Rank, schedule and explain ``selected`` and compute its exact expected outcome."""
    chosen = tuple(selected)
    outcome = expected_outcome(problem, chosen)
    order, contribution, marginal, graph = rank_order(problem, chosen)
    finish = finish_months(problem.by_id, order)
    planned = []
    for rank, action_id in enumerate(order, start=1):
        action = problem.by_id[action_id]
        planned.append(PlannedAction(
            action=action, rank=rank, marginal_gain=marginal[action_id],
            reason=reason(problem, action, chosen),
            start_month=finish[action_id] - (action.months or 0),
            end_month=finish[action_id], prerequisites=tuple(sorted(graph.predecessors(
                action_id))), contribution=contribution[action_id],
            evidence=_evidence(problem, action, finish[action_id], options.max_months),
        ))
    total = sum(p.action.cost for p in planned)
    warnings = []
    if options.max_months is not None and finish and max(finish.values()) > options.max_months:
        warnings.append(
            f"jadwal berurutan butuh {max(finish.values())} bulan, melebihi batas "
            f"{options.max_months} bulan; sebagian aksi harus berjalan paralel"
        )
    framework = problem.framework
    return Plan(
        framework_id=framework.id,
        status=status,
        method=method,
        budget=options.budget,
        target=options.target,
        total_cost=total,
        index_before=problem.index_before,
        expected_index=outcome.expected_index,
        predicate_before=framework.predicate(problem.index_before),
        expected_predicate=framework.predicate(outcome.expected_index),
        selected=tuple(planned),
        near_misses=near_misses(problem, chosen, options),
        expected_values=outcome.expected_values,
        node_probabilities=outcome.node_probabilities,
        proven_optimal=proven_optimal,
        exact_model=exact_model,
        expectation_method=outcome.method,
        expectation_error=outcome.standard_error,
        solver=solver,
        build_seconds=build_seconds,
        solve_seconds=solve_seconds,
        warnings=tuple(warnings),
        gap=gap,
    )


def _evidence(problem: PlanningProblem, action: Action, end_month: int,
              deadline: int | None) -> tuple[EvidenceTask, ...]:
    """The data dukung ``action`` must produce for the levels it can bring this year."""
    reachable = set(problem.reachable)
    tasks = evidence_checklist(problem.evidence, [(e.indicator, e.level) for e in action.effects],
                               problem.assessment.values, opd=action.opd, end_month=end_month,
                               deadline=deadline)
    return tuple(t for t in tasks if (t.indicator, t.level) in reachable)


def near_misses(problem: PlanningProblem, selected: Sequence[str], options: PlanOptions
                ) -> tuple[NearMiss, ...]:
    """The unselected actions that came closest (best expected gain per rupiah if added with
    what they need), each with the true reason it was left out: excluded, track record,
    months to the deadline, exclusive group, a prerequisite, budget, or lower value per
    rupiah."""
    chosen = set(selected)
    spent = sum(problem.by_id[a].cost for a in chosen)
    months = chain_months(problem)
    misses = []
    for action in problem.catalogue:
        if action.id in chosen or action.id in problem.done_actions:
            continue
        rivals = {a for a in chosen if action.conflicts_with(problem.by_id[a])}
        rival = min(rivals) if rivals else None
        base = chosen - rivals  # a group member replaces its rivals
        with_needs = _with_cheapest_prerequisites(problem, action, base)
        gain = change(problem, chosen, base | with_needs)
        why = None
        if action.id in options.exclude:
            why = "dikecualikan oleh pengguna"
        elif (record := _track_record_node(problem, action)) is not None:
            why = _track_record_reason(problem, record)
        elif options.max_months is not None and months[action.id] > options.max_months:
            why = (f"butuh {months[action.id]} bulan (termasuk prasyaratnya), melebihi batas "
                   f"{options.max_months} bulan sebelum tenggat bukti")
        elif rival is not None:
            why = f"satu kelompok dengan {rival} yang sudah terpilih (bukti yang sama)"
        elif gain <= 1e-12:
            why = _blocked_reason(problem, action, chosen) or "tidak menambah indeks harapan"
        elif options.budget is not None and spent + sum(
                problem.by_id[a].cost for a in with_needs) > options.budget + 0.5:
            why = ("anggaran tidak cukup (sisa "
                   f"{format_rupiah(max(options.budget - spent, 0.0))})")
        else:
            why = "nilai per rupiah lebih rendah, atau batas OPD"
        misses.append(NearMiss(action, gain, why))
    misses.sort(key=lambda m: (-(m.gain_if_added / max(m.action.cost, 1.0)), m.action.id))
    return tuple([m for m in misses if m.gain_if_added > 1e-12][:NEAR_MISSES])


def _with_cheapest_prerequisites(problem: PlanningProblem, action: Action, chosen: set[str]
                                 ) -> frozenset[str]:
    """``action`` with, for each unmet ``requires`` group, its cheapest alternative (then by
    id), recursively."""
    added = [action.id]
    for action_id in added:  # grows while it is walked
        for group in problem.by_id[action_id].requires:
            if any(b in chosen or b in added or b in problem.done_actions for b in group):
                continue
            added.append(min(group, key=lambda b: (problem.by_id[b].cost, b)))
    return frozenset(added)


def _track_record_node(problem: PlanningProblem, action: Action) -> tuple[str, int] | None:
    """The lowest level the action would add that needs a track record this pemda lacks,
    when none of the levels it would add is reachable this year."""
    new = [(e.indicator, level) for e in action.effects for level in range(1, e.level + 1)
           if (e.indicator, level) in problem.closures]
    reachable = set(problem.reachable)
    if not new or any(n in reachable for n in new):
        return None
    held = [n for n in new if problem.framework.track_record_years(*n)
            and problem.years_held((n[0], n[1] - 1)) < problem.framework.track_record_years(*n)]
    return min(held, key=lambda n: n[1]) if held else None


def _track_record_reason(problem: PlanningProblem, node: tuple[str, int]) -> str:
    indicator, level = node
    years = problem.framework.track_record_years(indicator, level)
    held = ("sudah dimiliki pada awal tahun" if years <= 1
            else f"sudah dijalankan {years} tahun")
    return (f"butuh rekam jejak: tingkat {level - 1} indikator {indicator} harus {held}, "
            f"jadi tingkat {level} belum dapat dicapai tahun ini")


def _blocked_reason(problem: PlanningProblem, action: Action, chosen: set[str]) -> str | None:
    values = problem.assessment.values
    for effect in action.effects:
        node = (effect.indicator, effect.level)
        if node not in problem.closures:
            continue
        unmet = sorted(
            m for m in problem.closures[node]
            if m[0] != effect.indicator and not any(a in chosen for a in problem.providers[m])
        )
        if unmet and values[effect.indicator] < effect.level:
            shown = ", ".join(f"{i}:{level}" for i, level in unmet[:4])
            return f"terhambat: butuh {shown} lebih dulu"
    return None
