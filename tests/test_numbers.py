"""Indonesian number forms: parsing and display."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roadmap.errors import InputError
from roadmap.numbers import (
    COUNT,
    INDEX,
    MONEY,
    MONTHS,
    PROBABILITY,
    SECONDS,
    Bounds,
    format_decimal,
    format_rupiah,
    format_rupiah_short,
    parse_budgets,
    parse_number,
    read_number,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,85", 2.85),
        ("2.85", 2.85),
        (" 3 ", 3.0),
        ("0,5", 0.5),
        (",5", 0.5),
        ("-2", -2.0),
        ("+2", 2.0),
        ("80%", 0.8),
        ("80 %", 0.8),
        ("12,5%", 0.125),
        ("1.500", 1.5),  # plain: a single dot is a decimal point
        ("2.500", 2.5),
        ("1,500", 1.5),
        ("1.234.567,89", 1234567.89),
        ("1,234,567.89", 1234567.89),
        (3, 3.0),
        (2.5, 2.5),
    ],
)
def test_parse_plain_numbers(text: object, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rp 1.500.000.000", 1_500_000_000),
        ("Rp1.500.000.000", 1_500_000_000),
        ("Rp. 1.500.000", 1_500_000),
        ("Rp 1.500.000,00", 1_500_000),
        ("1.500", 1_500),  # money: dot + three digits is a thousands separator
        ("12.50", 12.5),  # ... but not with two digits
        ("750 jt", 750_000_000),
        ("750jt", 750_000_000),
        ("750 juta", 750_000_000),
        ("1,5 M", 1_500_000_000),
        ("1,5M", 1_500_000_000),
        ("1.5 M", 1_500_000_000),  # with a unit the dot is decimal again
        ("1,5 miliar", 1_500_000_000),
        ("2 T", 2_000_000_000_000),
        ("500 rb", 500_000),
        ("1 500 000", 1_500_000),
    ],
)
def test_parse_money(text: str, expected: float) -> None:
    assert parse_number(text, money=True) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "tiga",
        "Rp",
        "jt",
        "%",
        "5 kg",
        "1e5",
        "2-3",
        "--2",
        "1..2",
        "1,,2",
        "1.,2",
        "1,2,3",  # not grouped by three: not a thousands separator either
        "1.5.2024",  # a date, not 152024
        "1.234,5.6",
        None,
        True,
        float("nan"),
        float("inf"),
    ],
)
def test_parse_rejects_bad_forms(text: object) -> None:
    with pytest.raises(InputError) as info:
        parse_number(text, money=True)
    assert "bukan angka" in info.value.message


def test_parse_error_carries_the_text() -> None:
    with pytest.raises(InputError) as info:
        parse_number(" tiga ")
    assert info.value.value == "tiga"
    assert str(info.value) == "nilai 'tiga': bukan angka"


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (2.8512, 2, "2,85"),
        (1.919, 2, "1,92"),
        (1234.5, 2, "1.234,50"),
        (-0.5, 2, "-0,50"),
        (2.0, 0, "2"),
        (1_250_000, 0, "1.250.000"),
    ],
)
def test_format_decimal(value: float, digits: int, expected: str) -> None:
    assert format_decimal(value, digits) == expected


def test_format_rupiah() -> None:
    assert format_rupiah(1_250_000_000) == "Rp 1.250.000.000"
    assert format_rupiah(0) == "Rp 0"
    assert format_rupiah(1_499.6) == "Rp 1.500"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (750_000_000, "Rp 750 jt"),
        (1_200_000_000, "Rp 1,2 M"),
        (1_500_000_000, "Rp 1,5 M"),
        (150_000_000, "Rp 150 jt"),
        (25_000, "Rp 25 rb"),
        (2_000_000_000_000, "Rp 2 T"),
        (500, "Rp 500"),
        (999_999_999, "Rp 1 M"),  # not "Rp 1.000 jt"
        (999_600, "Rp 1 jt"),
    ],
)
def test_format_rupiah_short(value: float, expected: str) -> None:
    assert format_rupiah_short(value) == expected


@pytest.mark.parametrize("value", [0.0, 1.5, 2.85, 1234.56, 750_000_000.0])
def test_format_then_parse_round_trip(value: float) -> None:
    assert parse_number(format_decimal(value)) == pytest.approx(value)


# --- the one budget-list rule, shared by report, scenarios, peta-rencana and the app ------------

JT = 1_000_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("500 jt,750 jt,1 M", (500 * JT, 750 * JT, 1000 * JT)),
        ("500jt,1M", (500 * JT, 1000 * JT)),
        ("1,5 M", (1500 * JT,)),
        ("1,5M,2,25 M", (1500 * JT, 2250 * JT)),
        ("750 jt, 1,5 M", (750 * JT, 1500 * JT)),
        ("750 jt, 1,5 M,2 M", (750 * JT, 1500 * JT, 2000 * JT)),
        ("500 jt; 1,5 M", (500 * JT, 1500 * JT)),
        ("1,5 M;500 jt", (1500 * JT, 500 * JT)),  # the order as written
        ("500000000,750000000", (500 * JT, 750 * JT)),
        ("100000000,250000000", (100 * JT, 250 * JT)),
        ("Rp 1.500.000.000,Rp 2 M", (1500 * JT, 2000 * JT)),
        ("Rp 500.000.000,Rp 750.000.000", (500 * JT, 750 * JT)),
        ("Rp 1.500.000.000,00", (1500 * JT,)),
        ("Rp 1.500.000.000;Rp 1.500.000.000,00", (1500 * JT, 1500 * JT)),
        ("0; 1 M", (0.0, 1000 * JT)),
    ],
)
def test_budget_list_accepted(text: str, expected: tuple[float, ...]) -> None:
    assert parse_budgets(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "--budgets kosong"),
        (" ; ", "--budgets kosong"),
        ("500 jt,,1 M", "kosong dalam daftar"),
        ("500 jt;;1 M", "kosong dalam daftar"),
        ("500 jt;", "kosong dalam daftar"),
        ("banyak", "bukan angka"),
        ("500 jt;lima", "bukan angka"),
        ("500 jt; -1 M", "tidak boleh negatif"),
        ("1,50", "rupiah bulat"),  # a decimal comma: Rp 1,50 is not whole rupiah
        ("0.5", "rupiah bulat"),
        ("80%", "bukan persen"),
        ("1, 5 M", "terlalu kecil"),  # a space after the comma makes it a separator: Rp 1
        ("1,234 M", "terlalu kecil"),  # three digits after the comma: "1" and "234 M"
        ("2000 T", "harus di antara Rp 0"),
        ("9" * 400, "terlalu panjang"),
        ("٣ M", "bukan angka"),
    ],
)
def test_budget_list_refused(text: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        parse_budgets(text)
    assert message in info.value.message
    assert info.value.message.startswith("--budgets")
    assert "\n" not in str(info.value)


# --- one validator for every number read from a file or an option -----------------------------

@pytest.mark.parametrize(
    ("raw", "bounds", "expected"),
    [
        ("750 jt", MONEY, 750 * JT),
        ("Rp 1.000.000.000.000.000", MONEY, 1e15),
        (1650000000.0000002, MONEY, 1_650_000_000),  # float noise of an Excel formula
        ("80%", PROBABILITY, 0.8),
        ("0,25", PROBABILITY, 0.25),
        ("120", MONTHS, 120),
        (0, COUNT, 0),
        ("1000000", COUNT, 1e6),
        ("0,5", SECONDS, 0.5),
        ("2,6", INDEX, 2.6),
    ],
)
def test_read_number_accepts(raw: object, bounds: Bounds, expected: float) -> None:
    assert read_number(raw, bounds, "x") == pytest.approx(expected)


@pytest.mark.parametrize(
    ("raw", "bounds", "message"),
    [
        ("0.5", MONEY, "rupiah bulat"),
        ("80%", MONEY, "bukan persen"),
        ("-1", MONEY, "tidak boleh negatif"),
        ("2000 T", MONEY, "harus di antara Rp 0 dan Rp 1.000.000.000.000.000"),
        (10**24, MONEY, "terlalu besar"),
        (10**400, MONEY, "terlalu besar"),
        ("9" * 309, MONEY, "terlalu panjang"),
        ("1,5", PROBABILITY, "harus di antara 0 dan 1"),
        ("121", MONTHS, "di luar rentang 0..120"),
        ("2,5", COUNT, "harus bilangan bulat 0..1.000.000"),
        ("-1", COUNT, "di luar rentang 0..1.000.000"),
        ("nan", SECONDS, "bukan angka"),
        ("inf", SECONDS, "bukan angka"),
        (float("nan"), SECONDS, "bukan angka"),
        ("-1", SECONDS, "harus lebih dari 0"),
        ("0", SECONDS, "harus lebih dari 0"),
        ("²", COUNT, "bukan angka"),
        ("٣", COUNT, "bukan angka"),
        ("１２", COUNT, "bukan angka"),  # fullwidth digits
        ("1e5", COUNT, "bukan angka"),
        ("6", INDEX, "harus di antara 0,00 dan 5,00"),
    ],
)
def test_read_number_refuses(raw: object, bounds: Bounds, message: str) -> None:
    with pytest.raises(InputError) as info:
        read_number(raw, bounds, "x")
    assert message in info.value.message
    assert info.value.message.startswith("x")


@given(st.text(max_size=60) | st.integers() | st.floats())
def test_read_number_never_escapes(raw: object) -> None:
    for bounds in (MONEY, PROBABILITY, MONTHS, COUNT, SECONDS, INDEX):
        try:
            value = read_number(raw, bounds, "x")
        except InputError:
            continue
        assert bounds.low <= value <= bounds.high


@given(st.text(alphabet="0123456789,; .MjtRp%-", max_size=40))
def test_parse_budgets_never_escapes(text: str) -> None:
    try:
        budgets = parse_budgets(text)
    except InputError:
        return
    assert budgets and all(b == round(b) and 0 <= b <= 1e15 for b in budgets)
