"""Actions, effects and the catalogue's own checks."""

from __future__ import annotations

import pytest

from roadmap.actions import (
    Action,
    Catalogue,
    Effect,
    format_requires,
    parse_effects,
    parse_requires,
    validate_catalogue,
)
from roadmap.errors import InputError
from roadmap.io.framework_files import load_framework

SPBE = load_framework("spbe-2020")
PEMDI = load_framework("pemdi-2026")


def action(action_id: str, effects: str = "11:2", **fields: object) -> Action:
    return Action(id=action_id, name=f"Aksi {action_id}", effects=parse_effects(effects, SPBE),
                  cost=fields.pop("cost", 100.0), **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11:2", (Effect("11", 2),)),
        (" 11 : 2 ", (Effect("11", 2),)),
        ("1:2; 2:2", (Effect("1", 2), Effect("2", 2))),
        ("1:2, 2:3", (Effect("1", 2), Effect("2", 3))),
        ("1:2;", (Effect("1", 2),)),
    ],
)
def test_parse_effects_spbe(text: str, expected: tuple[Effect, ...]) -> None:
    assert parse_effects(text, SPBE) == expected


def test_parse_effects_pemdi_ids_and_codes() -> None:
    assert parse_effects("I1:2; 3.1:3; IK-20:4", PEMDI) == (
        Effect("I1", 2), Effect("I5", 3), Effect("I20", 4)
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "dampak kosong"),
        (None, "dampak kosong"),
        ("11-2", "dampak '11-2' tidak sah"),
        ("11:2:3", "dampak '11:2:3' tidak sah"),
        ("99:2", "indikator '99' pada dampak tidak dikenal dalam Indeks SPBE"),
        ("I1:2", "indikator 'I1' pada dampak tidak dikenal"),
        ("11:6", "harus bilangan bulat 1..5"),
        ("11:0", "harus bilangan bulat 1..5"),
        ("11:2.5", "harus bilangan bulat 1..5"),
        ("11:", "harus bilangan bulat 1..5"),
        ("11:2; 11:3", "indikator 11 disebut dua kali"),
    ],
)
def test_parse_effects_rejects(text: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_effects(text, SPBE)


def test_action_provides_target_and_done() -> None:
    a = action("A", "11:3; 12:2")
    assert a.provides(("11", 1)) and a.provides(("11", 3))
    assert not a.provides(("11", 4))
    assert a.provides(("12", 2)) and not a.provides(("12", 3))
    assert not a.provides(("13", 1))
    assert a.target("11") == 3 and a.target("12") == 2 and a.target("13") == 0
    values = {i: 1.0 for i in SPBE.indicator_ids}
    assert not a.is_done(values)
    assert not a.is_done(values | {"11": 3.0})
    assert a.is_done(values | {"11": 4.0, "12": 2.0})
    assert a.probability == 1.0 and a.requires == () and a.months is None


def test_catalogue_lookup() -> None:
    a, b, c = action("A", "11:2"), action("B", "11:3", requires=(("A",),)), action("C", "12:2")
    catalogue = Catalogue(SPBE, (a, b, c))
    assert len(catalogue) == 3
    assert list(catalogue) == [a, b, c]
    assert catalogue.ids == ("A", "B", "C")
    assert catalogue.get("B") is b
    assert catalogue.providers(("11", 2)) == (a, b)
    assert catalogue.providers(("11", 3)) == (b,)
    assert catalogue.providers(("13", 2)) == ()
    with pytest.raises(KeyError):
        catalogue.get("Z")


@pytest.mark.parametrize(
    ("actions", "message"),
    [
        ((action("A"), action("A")), "id aksi 'A' ganda"),
        ((action("A", cost=-1.0),), "biaya aksi A tidak boleh negatif"),
        ((action("A", cost=float("nan")),), "biaya aksi A tidak boleh negatif"),
        ((action("A", probability=1.5),), "peluang aksi A harus di antara 0 dan 1"),
        ((action("A", probability=-0.1),), "peluang aksi A harus di antara 0 dan 1"),
        ((action("A", requires=(("Z",),)),), "aksi A mensyaratkan aksi 'Z' yang tidak ada"),
        ((Action("A", "a", (Effect("48", 2),), 1.0),), "aksi A: indikator 48 tidak dikenal"),
    ],
)
def test_catalogue_rejects(actions: tuple[Action, ...], message: str) -> None:
    with pytest.raises(InputError, match=message):
        Catalogue(SPBE, actions)


def test_requires_cycle_names_the_path() -> None:
    actions = (
        action("A", requires=(("C",),)),
        action("B", requires=(("A",),)),
        action("C", requires=(("B",),)),
        action("D"),
    )
    with pytest.raises(InputError) as info:
        validate_catalogue(SPBE, actions)
    message = str(info.value)
    assert message.startswith("prasyarat aksi membentuk siklus: ")
    path = message.split(": ", 1)[1].split(" -> ")
    # a closed path through exactly A, B and C, each step following a requires edge
    assert path[0] == path[-1] and sorted(path[:-1]) == ["A", "B", "C"]
    requires = {a.id: a.required_ids for a in actions}
    assert all(path[k] in requires[path[k + 1]] for k in range(3))


def test_self_requirement_is_a_cycle() -> None:
    with pytest.raises(InputError, match="siklus: A -> A"):
        validate_catalogue(SPBE, (action("A", requires=(("A",),)),))


def test_valid_probabilities_at_the_ends() -> None:
    Catalogue(SPBE, (action("A", probability=0.0), action("B", probability=1.0, cost=0.0)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ()),
        (None, ()),
        ("A", (("A",),)),
        ("A; B", (("A",), ("B",))),
        ("A, B", (("A",), ("B",))),
        (" A ; B|C ", (("A",), ("B", "C"))),
        ("B|C|B;", (("B", "C"),)),
    ],
)
def test_parse_requires(text: object, expected: tuple[tuple[str, ...], ...]) -> None:
    assert parse_requires(text) == expected


def test_requires_round_trip_and_required_ids() -> None:
    groups = (("A",), ("B", "C"))
    assert format_requires(groups) == "A; B|C"
    assert parse_requires(format_requires(groups)) == groups
    assert action("D", requires=(("A",), ("B", "A"))).required_ids == ("A", "B")


def test_alternative_requirement_must_name_existing_actions() -> None:
    with pytest.raises(InputError, match="mensyaratkan aksi 'Z'"):
        Catalogue(SPBE, (action("A"), action("B", requires=(("A", "Z"),))))
