"""Gather everything a planning command needs from the files a user names.

Precedence, for actions and for rules alike: an explicit file (``--actions`` / ``--rules``)
replaces the defaults; otherwise a workbook's ``aksi`` / ``ketergantungan`` sheet does;
otherwise the framework's bundled defaults apply.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from roadmap.actions import Catalogue
from roadmap.calibration import Calibration, calibrate, calibrate_catalogue
from roadmap.dependencies import RULE_SOURCES, Rule
from roadmap.errors import InputError
from roadmap.evidence import held_levels, raise_values
from roadmap.framework import Framework
from roadmap.io.actions_file import (
    ACTIONS_SHEET,
    default_actions_path,
    read_catalogue,
    read_default_catalogue,
)
from roadmap.io.assessment_file import read_assessment
from roadmap.io.evidence_file import read_evidence_status
from roadmap.io.framework_files import load_evidence
from roadmap.io.history_file import read_history
from roadmap.io.rules_file import RULES_SHEET, default_rules_path, read_default_rules, read_rules
from roadmap.io.tables import sheet_names
from roadmap.problem import PlanningProblem


@dataclass(frozen=True)
class Inputs:
    problem: PlanningProblem
    actions_origin: str
    rules_origin: str
    rules_file: str
    files: tuple[Path, ...]
    calibration: Calibration | None = None  # from ``riwayat``; then ``uncalibrated`` holds
    uncalibrated: Catalogue | None = None  # the catalogue with its own probabilities


def _has_sheet(path: Path, sheet: str) -> bool:
    return sheet in (name.strip().lower() for name in sheet_names(path))


def load_rules(assessment: Path, rules: Path | None,
               framework: Framework) -> tuple[tuple[Rule, ...], str, str]:
    """The rules in force, where they came from (for the report) and that file's name."""
    if rules is not None:
        return read_rules(rules, framework), f"dari berkas {rules.name}", rules.name
    if _has_sheet(assessment, RULES_SHEET):
        return (read_rules(assessment, framework),
                f"dari lembar '{RULES_SHEET}' di {assessment.name}", assessment.name)
    return (read_default_rules(framework), "bawaan kerangka",
            default_rules_path(framework).name)


def load_catalogue(assessment: Path, actions: Path | None,
                   framework: Framework) -> tuple[Catalogue, str]:
    """The action catalogue in force and where it came from."""
    if actions is not None:
        return read_catalogue(actions, framework), f"dari berkas {actions.name}"
    if _has_sheet(assessment, ACTIONS_SHEET):
        return (read_catalogue(assessment, framework),
                f"dari lembar '{ACTIONS_SHEET}' di {assessment.name}")
    return read_default_catalogue(framework), f"bawaan ({default_actions_path(framework).name})"


def load_inputs(
    assessment: Path | str,
    framework: str | None = None,
    actions: Path | str | None = None,
    rules: Path | str | None = None,
    drop_rule_sources: Sequence[str] = (),
    bukti: Path | str | None = None,
    riwayat: Path | str | None = None,
) -> Inputs:
    """Read and validate the assessment, the catalogue and the rules into a problem.

    ``drop_rule_sources`` removes the rules of those sources (e.g. ``berita``) to compare a plan
    with and without them. ``bukti`` (an evidence status file) raises the levels whose data
    dukung are all accepted; ``riwayat`` (past evaluations) replaces the catalogue's success
    probabilities by calibrated ones. Paths may be ``str`` or ``Path``.
    """
    assessment = Path(assessment)
    actions = Path(actions) if actions is not None else None
    rules = Path(rules) if rules is not None else None
    current = read_assessment(assessment, framework)
    fw = current.framework
    items = load_evidence(fw.id)
    if bukti is not None:
        status = read_evidence_status(Path(bukti), fw)
        held = held_levels(items, status.statuses, current.values)
        current = current.with_values(raise_values(current.values, held))
    catalogue, actions_origin = load_catalogue(assessment, actions, fw)
    uncalibrated, calibration = None, None
    if riwayat is not None:
        calibration = calibrate(read_history(Path(riwayat), fw.id), catalogue)
        uncalibrated, catalogue = catalogue, calibrate_catalogue(catalogue, calibration)
        actions_origin += f", peluang dikalibrasi dari {Path(riwayat).name}"
    rule_set, rules_origin, rules_file = load_rules(assessment, rules, fw)
    unknown = sorted(set(drop_rule_sources) - set(RULE_SOURCES))
    if unknown:
        raise InputError(f"sumber aturan tidak dikenal; pilihan: {', '.join(RULE_SOURCES)}",
                         value=", ".join(unknown))
    if drop_rule_sources:
        rule_set = tuple(r for r in rule_set if r.source not in drop_rule_sources)
        rules_origin += " tanpa sumber " + ", ".join(drop_rule_sources)
    problem = PlanningProblem(current, catalogue, rule_set, evidence=items)
    try:
        problem.graph  # noqa: B018  (validate the rules now: a cycle names its file)
    except InputError as err:
        raise err.located(file=rules_file) from None
    files = tuple(Path(p) for p in (assessment, actions, rules, bukti, riwayat) if p is not None)
    return Inputs(problem, actions_origin, rules_origin, rules_file, files, calibration,
                  uncalibrated)
