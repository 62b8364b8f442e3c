"""Random but seeded action catalogues of a realistic shape, for the benchmark.

Shape, after the bundled catalogues: most actions are *step chains* (one action per level of
one indicator, from the next level up, each requiring the previous step of its chain or a
bundle that already brings the indicator that far), written by several "variants" (vendors,
approaches) per indicator with their own costs; about one action in twenty is a *bundle*
raising 2-6 indicators of one group (aspect) at once (one Perkada covering several policies).
Costs are log-normal around Rp 40 jt (whole juta), durations 2-9 months, probabilities 1 or
0.60-0.95 in steps of 0.05.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping

from roadmap.actions import Action, Catalogue, Effect
from roadmap.framework import Framework

JUTA = 1_000_000
OPDS = ("Diskominfo", "Bappeda", "Bagian Hukum Setda", "Inspektorat", "BKPSDM", "Bagian Organisasi")
BUNDLE_SHARE = 20


def generated_catalogue(framework: Framework, values: Mapping[str, float], size: int, *,
                        seed: int, certain: bool) -> Catalogue:
    """``size`` actions on ``framework``; the same seed gives the same catalogue, and the
    ``certain`` variant differs only in its probabilities (all 1)."""
    rng = random.Random(seed)
    top = framework.max_level
    kind = framework.group_kinds[-1]
    groups = [g for g in framework.groups_of(kind) if len(framework.members(kind, g.id)) > 1]

    def probability() -> float:
        drawn = round(rng.uniform(0.6, 0.95) * 20) / 20
        return 1.0 if certain else drawn

    def cost(centre: float) -> float:
        return float(max(5, round(math.exp(rng.gauss(math.log(centre), 0.7)))) * JUTA)

    actions: list[Action] = []
    for b in range(max(1, size // BUNDLE_SHARE)):
        members = framework.members(kind, rng.choice(groups).id)
        chosen = rng.sample(members, k=min(len(members), rng.randint(2, 6)))
        level = rng.randint(2, 4)
        actions.append(Action(
            id=f"B{b}", name=f"Paket {b}", effects=tuple(Effect(i, level) for i in chosen),
            cost=cost(250), probability=probability(), months=rng.randint(4, 9),
            opd=rng.choice(OPDS)))
    bundles = list(actions)
    chain = 0
    while len(actions) < size:
        indicator = rng.choice(framework.indicator_ids)
        previous: str | None = None
        for level in range(max(2, math.floor(values[indicator]) + 1), top + 1):
            if len(actions) == size:
                break
            covering = [a.id for a in bundles if a.target(indicator) >= level - 1][:2]
            action_id = f"C{chain}-{level}"
            actions.append(Action(
                id=action_id, name=f"Varian {chain}: indikator {indicator} tingkat {level}",
                effects=(Effect(indicator, level),), cost=cost(40 * (level - 1)),
                probability=probability(), months=rng.randint(2, 6), opd=rng.choice(OPDS),
                requires=((previous, *covering),) if previous else ()))
            previous = action_id
        chain += 1
    return Catalogue(framework, tuple(actions))
