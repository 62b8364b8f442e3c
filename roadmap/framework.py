"""An official evaluation framework (indicators, weights, groups, predicate bands) as an object.

The content comes from ``data/frameworks/<id>/``; this module only models and validates it,
so a new regulation is a new data folder. Indicator ids are strings everywhere inside the
package (``"11"`` for SPBE, ``"I5"`` for Pemdi); ``Framework.json_id`` gives the contract's form.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from roadmap.errors import InputError

WEIGHT_TOLERANCE = 1e-9
# An index is a float sum of weight x value products, so an index that is exactly on a band
# edge by hand (1.08 everywhere and 3.88 on a weight-15 indicator gives 1.50) can come out as
# 1.4999999999999998. Band edges are compared with this slack; it is far below the 0.0001
# resolution of any published figure.
BAND_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Indicator:
    id: str
    code: str
    name: str
    weight: float
    groups: Mapping[str, str]
    external: str | None = None
    aliases: tuple[str, ...] = ()
    lagged: bool = False  # scored from another agency's index that lags the evaluation year

    @property
    def label(self) -> str:
        """``'11 Arsitektur SPBE'`` style label for user-facing text."""
        return f"{self.id} {self.name}"


@dataclass(frozen=True)
class Group:
    kind: str
    id: str
    name: str
    weight: float


@dataclass(frozen=True)
class Band:
    """A predicate band: an index at or above ``min`` (and below the next band) gets ``name``."""

    name: str
    min: float


@dataclass(frozen=True)
class ValueScale:
    min: float
    max: float
    whole: bool
    allow_zero: bool
    decimals: int = 0


@dataclass(frozen=True)
class ExternalBand:
    source_from: float
    source_to: float
    value_from: float
    value_to: float


@dataclass(frozen=True)
class ExternalIndex:
    """Another agency's index from which an indicator is scored (e.g. SDI for data governance)."""

    key: str
    name: str
    agency: str
    bands: tuple[ExternalBand, ...]
    note: str

    def convert(self, source_value: float) -> float:
        """Map a source-index value to an indicator value by the documented bands.

        Within a band the map is linear from ``value_from`` to ``value_to``; a value on the
        boundary of two bands belongs to the lower band (the pedoman writes "<= 12,5").
        """
        if not self.bands:
            raise InputError(
                f"konversi {self.key} ({self.name}) ke nilai indikator belum terdokumentasi; "
                "isikan nilai indikator langsung"
            )
        for band in self.bands:
            if band.source_from <= source_value <= band.source_to:
                span = band.source_to - band.source_from
                share = (source_value - band.source_from) / span if span else 0.0
                return band.value_from + share * (band.value_to - band.value_from)
        low, high = self.bands[0].source_from, self.bands[-1].source_to
        raise InputError(
            f"nilai {self.key} harus di antara {low:g} dan {high:g}", value=source_value
        )


@dataclass(frozen=True)
class TrackRecord:
    """Level ``level`` of ``indicator`` needs level ``level - 1`` held for ``years`` years at
    the start of the year in which it is reached (a review cycle cannot be shown in months)."""

    indicator: str
    level: int
    years: int = 1
    reason: str = ""
    source: str = ""


@dataclass(frozen=True)
class Framework:
    id: str
    title: str
    index_name: str
    id_style: str
    group_kinds: tuple[str, ...]
    group_labels: Mapping[str, str]
    total_weight: float
    value: ValueScale
    levels: Mapping[int, tuple[str, ...]]
    predicates: tuple[Band, ...]
    indicators: tuple[Indicator, ...]
    groups: tuple[Group, ...]
    external_indices: Mapping[str, ExternalIndex] = field(default_factory=dict)
    track_records: tuple[TrackRecord, ...] = ()
    _lookup: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        problems = _validate(self)
        if problems:
            raise InputError(f"kerangka '{self.id}' tidak sah: " + "; ".join(problems))
        lookup: dict[str, str] = {}
        for ind in self.indicators:
            for token in (ind.id, ind.code, *ind.aliases):
                if token:
                    lookup[_normalise_token(token)] = ind.id
        object.__setattr__(self, "_lookup", lookup)

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        return tuple(ind.id for ind in self.indicators)

    def indicator(self, indicator_id: str) -> Indicator:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def resolve(self, token: object) -> str | None:
        """The indicator id that ``token`` names (id, code or alias), or None."""
        return self._lookup.get(_normalise_token(token))

    def group(self, kind: str, group_id: str) -> Group:
        for grp in self.groups:
            if grp.kind == kind and grp.id == group_id:
                return grp
        raise KeyError((kind, group_id))

    def groups_of(self, kind: str) -> tuple[Group, ...]:
        return tuple(g for g in self.groups if g.kind == kind)

    def members(self, kind: str, group_id: str) -> tuple[str, ...]:
        return tuple(i.id for i in self.indicators if i.groups.get(kind) == group_id)

    def predicate(self, index: float) -> str:
        """The predicate band name of an (unrounded) index value."""
        name = self.predicates[0].name
        for band in self.predicates:
            if index >= band.min - BAND_TOLERANCE:
                name = band.name
        return name

    def next_band(self, index: float) -> Band | None:
        """The first band above the one ``index`` is in, or None at the top."""
        for band in self.predicates:
            if band.min - BAND_TOLERANCE > index:
                return band
        return None

    def band(self, name: str) -> Band:
        for band in self.predicates:
            if band.name.lower() == name.lower():
                return band
        raise KeyError(name)

    def level_label(self, level: int) -> str:
        labels = self.levels.get(level, ())
        return labels[0] if labels else str(level)

    def json_id(self, indicator_id: str) -> int | str:
        """The contract's form of an id: a number for number-style frameworks."""
        return int(indicator_id) if self.id_style == "number" else indicator_id

    @property
    def max_level(self) -> int:
        return int(self.value.max)

    def track_record_years(self, indicator_id: str, level: int) -> int:
        """Years level ``level - 1`` must already be held before ``level`` counts (0: none)."""
        for record in self.track_records:
            if record.indicator == indicator_id and record.level == level:
                return record.years
        return 0


def _normalise_token(token: object) -> str:
    if isinstance(token, float) and token.is_integer():
        token = int(token)
    text = str(token).strip().upper().replace(" ", "")
    if re.fullmatch(r"[0-9]+\.0+", text):
        text = text.split(".")[0]
    return text


def _validate(fw: Framework) -> list[str]:
    problems: list[str] = []
    ids = [i.id for i in fw.indicators]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        problems.append("id indikator ganda: " + ", ".join(duplicates))
    for ind in fw.indicators:
        if not (ind.weight > 0 and math.isfinite(ind.weight)):
            problems.append(f"bobot indikator {ind.id} tidak sah ({ind.weight})")
        for kind in fw.group_kinds:
            gid = ind.groups.get(kind)
            if not any(g.kind == kind and g.id == gid for g in fw.groups):
                problems.append(f"indikator {ind.id}: {kind} '{gid}' tidak dikenal")
    total = sum(i.weight for i in fw.indicators)
    if abs(total - fw.total_weight) > WEIGHT_TOLERANCE * max(1.0, fw.total_weight):
        problems.append(f"jumlah bobot indikator {total:g}, seharusnya {fw.total_weight:g}")
    for grp in fw.groups:
        members = sum(i.weight for i in fw.indicators if i.groups.get(grp.kind) == grp.id)
        if abs(members - grp.weight) > 1e-6:
            problems.append(
                f"bobot {grp.kind} {grp.id} ({grp.weight:g}) tidak sama dengan jumlah bobot "
                f"indikatornya ({members:g})"
            )
    mins = [b.min for b in fw.predicates]
    if not mins or mins != sorted(mins) or len(set(mins)) != len(mins):
        problems.append("batas predikat harus naik tegas")
    return problems
