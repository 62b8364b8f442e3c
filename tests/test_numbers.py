"""Indonesian number forms: parsing and display."""

from __future__ import annotations

import pytest

from roadmap.errors import InputError
from roadmap.numbers import format_decimal, format_rupiah, format_rupiah_short, parse_number


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
