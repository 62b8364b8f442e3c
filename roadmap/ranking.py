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
from roadmap.expectation import expected_outcome, gain_delta
from roadmap.framework import Framework
from roadmap.plan import NearMiss, Plan, PlannedAction
from roadmap.problem import PlanningProblem

NEAR_MISSES = 10


def precedence_graph(problem: PlanningProblem, selected: Sequence[str]) -> nx.DiGraph:
    """Edges ``b -> a`` between selected actions: ``b`` provides something ``a`` needs."""
    chosen = set(selected)
    graph = nx.DiGraph()
    graph.add_nodes_from(selected)
    for action_id in selected:
        action = problem.catalogue.get(action_id)
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


def assemble_plan(
    problem: PlanningProblem,
    options: object,
    selected: Sequence[str],
    *,
    status: str,
    method: str,
    proven_optimal: bool,
    exact_model: bool,
    solver: str,
    build_seconds: float = 0.0,
    solve_seconds: float = 0.0,
) -> Plan:
    """Rank, schedule and explain ``selected`` and compute its exact expected outcome."""
    chosen = tuple(selected)
    outcome = expected_outcome(problem, chosen)
    marginal = {a: -gain_delta(problem, chosen, a) for a in chosen}
    graph = precedence_graph(problem, chosen)
    catalogue = problem.catalogue
    order = list(nx.lexicographical_topological_sort(
        graph, key=lambda a: (-round(marginal[a], 12), catalogue.get(a).cost, a)))
    finish: dict[str, int] = {}
    planned = []
    for rank, action_id in enumerate(order, start=1):
        action = catalogue.get(action_id)
        before = sorted(graph.predecessors(action_id))
        start = max((finish[b] for b in action.required_ids if b in finish), default=0)
        finish[action_id] = start + (action.months or 0)
        planned.append(PlannedAction(
            action=action, rank=rank, marginal_gain=marginal[action_id],
            reason=reason(problem, action, chosen), start_month=start,
            end_month=finish[action_id], prerequisites=tuple(before),
        ))
    budget = getattr(options, "budget", None)
    target = getattr(options, "target", None)
    max_months = getattr(options, "max_months", None)
    total = sum(p.action.cost for p in planned)
    warnings = []
    if max_months is not None and finish and max(finish.values()) > max_months:
        warnings.append(
            f"jadwal berurutan butuh {max(finish.values())} bulan, melebihi batas "
            f"{max_months} bulan; sebagian aksi harus berjalan paralel"
        )
    framework = problem.framework
    return Plan(
        framework_id=framework.id,
        status=status,
        method=method,
        budget=budget,
        target=target,
        total_cost=total,
        index_before=problem.index_before,
        expected_index=outcome.expected_index,
        predicate_before=framework.predicate(problem.index_before),
        expected_predicate=framework.predicate(outcome.expected_index),
        selected=tuple(planned),
        near_misses=near_misses(problem, chosen, budget, set(getattr(options, "exclude", ()))),
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
    )


def near_misses(problem: PlanningProblem, selected: Sequence[str], budget: float | None,
                excluded: set[str]) -> tuple[NearMiss, ...]:
    """The unselected actions that came closest (best expected gain per rupiah if added with
    what they need), each with why it was left out."""
    chosen = set(selected)
    spent = sum(problem.catalogue.get(a).cost for a in chosen)
    misses = []
    for action in problem.catalogue:
        if action.id in chosen or action.id in problem.done_actions:
            continue
        gain = gain_delta(problem, chosen, action.id)
        missing = [group for group in action.requires
                   if not any(b in chosen or b in problem.done_actions for b in group)]
        if action.id in excluded:
            why = "dikecualikan oleh pengguna"
        elif missing:
            why = "menunggu prasyarat aksi " + ", ".join(" atau ".join(g) for g in missing)
        elif gain <= 1e-12:
            why = _blocked_reason(problem, action, chosen) or "tidak menambah indeks harapan"
        elif budget is not None and spent + action.cost > budget + 0.5:
            why = f"anggaran tidak cukup (sisa Rp {max(budget - spent, 0):,.0f})".replace(",", ".")
        else:
            why = "nilai per rupiah lebih rendah atau batas OPD/bulan"
        misses.append(NearMiss(action, gain, why))
    misses.sort(key=lambda m: (-(m.gain_if_added / max(m.action.cost, 1.0)), m.action.id))
    useful = [m for m in misses if m.gain_if_added > 1e-12 and not m.why.startswith("menunggu")]
    return tuple(useful[:NEAR_MISSES])


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
