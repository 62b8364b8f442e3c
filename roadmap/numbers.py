"""Parse, bound and format numbers the way Indonesian spreadsheets write them.

Accepted forms: ``2,85`` and ``2.85``, ``80%``, ``Rp 1.500.000.000``, ``750 jt``, ``1,5 M``
(M is *miliar*, 10^9), ``2 T`` (*triliun*), ``500 rb`` (*ribu*). Only ASCII digits are read.

Every number read from a file or an option goes through ``read_number`` with the ``Bounds`` of
its field (``MONEY``, ``PROBABILITY``, ``MONTHS``, ``COUNT``, ``SECONDS``, ``INDEX`` or a level
scale), so a value either means something for that field or is refused with one clear line.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from roadmap.errors import InputError

_SCALES = {
    "rb": 1e3,
    "ribu": 1e3,
    "k": 1e3,
    "jt": 1e6,
    "juta": 1e6,
    "m": 1e9,
    "miliar": 1e9,
    "milyar": 1e9,
    "t": 1e12,
    "triliun": 1e12,
}
_NUMBER = re.compile(r"^[+-]?[0-9][0-9.,]*$|^[+-]?[.,][0-9]+$")
# Longer texts are not numbers a person types (and would make the patterns below slow).
MAX_NUMBER_TEXT = 40
# Beyond this magnitude no field has a meaning; refusing it early keeps float() finite.
LARGEST = 1e18
MAX_RUPIAH = 10**15


@dataclass(frozen=True)
class Bounds:
    """What one numeric field accepts: ``low..high``, whole or not, money or not.

    ``positive`` excludes ``low`` itself; ``digits`` is how many decimals the bounds show with.
    """

    low: float
    high: float
    whole: bool = False
    money: bool = False
    positive: bool = False
    digits: int = 0


MONEY = Bounds(0, MAX_RUPIAH, whole=True, money=True)
PROBABILITY = Bounds(0, 1)
SHARE = Bounds(0, 1)
MONTHS = Bounds(0, 120, whole=True)
COUNT = Bounds(0, 10**6, whole=True)
SECONDS = Bounds(0, 10**6, positive=True)
INDEX = Bounds(0, 5, digits=2)


def parse_number(text: object, *, money: bool = False) -> float:
    """Parse a number written in Indonesian or English style.

    With ``money=True`` a single dot followed by exactly three digits is a thousands separator
    (``1.500`` is 1500); otherwise it is a decimal point (``2.500`` is 2.5).

    >>> parse_number("2,85")
    2.85
    >>> parse_number("Rp 1.500.000.000", money=True)
    1500000000.0
    >>> parse_number("750 jt", money=True)
    750000000.0
    >>> parse_number("80%")
    0.8

    Raises ``InputError`` (without location) when the text is not a number or is beyond any
    field's range (more than 10^18).
    """
    if isinstance(text, bool):
        raise InputError("bukan angka", value=text)
    if isinstance(text, int | float):
        if isinstance(text, float) and not math.isfinite(text):
            raise InputError("bukan angka yang sah", value=text)
        if abs(text) > LARGEST:
            raise InputError("angka terlalu besar", value=_shorten(text))
        return float(text)
    raw = str(text).strip()
    if len(raw) > MAX_NUMBER_TEXT:
        raise InputError("bukan angka (teks terlalu panjang)", value=_shorten(raw))
    s = raw.lower().replace("\u00a0", " ")
    if s.startswith("rp"):
        s = s[2:].lstrip(". ")
    scale = 1.0
    percent = s.endswith("%")
    if percent:
        s = s[:-1].strip()
    match = re.match(r"^(.*?)\s*([a-z]+)\.?$", s)
    if match and match.group(2) in _SCALES:
        s, scale = match.group(1).strip(), _SCALES[match.group(2)]
    s = s.replace(" ", "")
    if not s or not _NUMBER.match(s):
        raise InputError("bukan angka", value=raw)
    normalised = _normalise_separators(s, money=money and scale == 1.0)
    if normalised is None:
        raise InputError("bukan angka", value=raw)
    value = float(normalised) * scale
    if percent:
        value /= 100.0
    if abs(value) > LARGEST:
        raise InputError("angka terlalu besar", value=raw)
    return value


def read_number(raw: object, bounds: Bounds, label: str) -> float:
    """Parse ``raw`` and check it against ``bounds``; ``InputError`` names ``label``.

    >>> read_number("1,5 M", MONEY, "--budget")
    1500000000.0
    >>> read_number("80%", PROBABILITY, "peluang")
    0.8
    """
    if bounds.money and isinstance(raw, str) and "%" in raw:
        raise InputError(f"{label} harus jumlah rupiah, bukan persen", value=raw)
    try:
        value = parse_number(raw, money=bounds.money)
    except InputError as err:
        raise InputError(f"{label}: {err.message}", value=err.value) from None
    return check_number(value, bounds, label, raw)


def check_number(value: float, bounds: Bounds, label: str, raw: object = None) -> float:
    """``value`` if it lies within ``bounds`` (money rounded to whole rupiah), else InputError.

    >>> check_number(2.0, MONTHS, "--months")
    2.0
    """
    shown = value if raw is None else raw
    if bounds.money:
        if abs(value - round(value)) > 0.005:
            raise InputError(f"{label} harus rupiah bulat, mis. \"750 jt\" atau "
                             "\"Rp 750.000.000\"", value=shown)
        value = float(round(value))
    low, high = _show(bounds.low, bounds), _show(bounds.high, bounds)
    if bounds.whole and value != int(value):
        raise InputError(f"{label} harus bilangan bulat {low}..{high}", value=shown)
    if bounds.positive and not bounds.low < value <= bounds.high:
        raise InputError(f"{label} harus lebih dari {low} dan paling besar {high}", value=shown)
    if bounds.money and value < 0:
        raise InputError(f"{label}: tidak boleh negatif", value=shown)
    if not bounds.low <= value <= bounds.high:
        if bounds.whole and not bounds.money:
            raise InputError(f"{label} di luar rentang {low}..{high}", value=shown)
        raise InputError(f"{label} harus di antara {low} dan {high}", value=shown)
    return value


def parse_money(text: object, label: str) -> float:
    """Whole rupiah from ``750 jt``, ``1,5 M``, ``Rp 1.500.000.000`` (0..10^15).

    >>> parse_money("750 jt", "--budget")
    750000000.0
    """
    return read_number(text, MONEY, label)


# A comma separates budgets unless it sits between two digits with at most two digits after it.
_LIST_COMMA = re.compile(r"(?<![0-9]),|,(?![0-9]{1,2}(?![0-9]))")
# A listed budget below this many rupiah is surely a decimal comma read as a separator.
SMALLEST_LISTED_BUDGET = 1_000.0
BUDGETS_RULE = (
    "anggaran dipisah dengan ';' atau koma; koma di antara dua angka dengan paling banyak dua "
    "angka sesudahnya adalah koma desimal (\"1,5 M\" satu anggaran, "
    "\"500000000,750000000\" dua)"
)


def parse_budgets(text: str, label: str = "--budgets") -> tuple[float, ...]:
    """Budgets in the order written; the one rule for every command and the app.

    ``;`` always separates; a comma separates unless it sits between two digits with no more
    than two digits after it.

    >>> parse_budgets("750 jt, 1,5 M;2 M")
    (750000000.0, 1500000000.0, 2000000000.0)
    >>> parse_budgets("500000000,750000000")
    (500000000.0, 750000000.0)
    """
    pieces = [p.strip() for part in text.split(";") for p in _LIST_COMMA.split(part)]
    if not any(pieces):
        raise InputError(f"{label} kosong; tulis mis. \"500 jt; 1,5 M\"", value=text)
    if not all(pieces):
        raise InputError(f"{label}: ada anggaran yang kosong dalam daftar; {BUDGETS_RULE}",
                         value=text)
    budgets = tuple(parse_money(p, label) for p in pieces)
    for piece, budget in zip(pieces, budgets, strict=True):
        if 0 < budget < SMALLEST_LISTED_BUDGET:
            raise InputError(f"{label}: anggaran Rp {piece} terlalu kecil; {BUDGETS_RULE}",
                             value=text)
    return budgets


def _show(value: float, bounds: Bounds) -> str:
    if bounds.money:
        return format_rupiah(value)
    return format_decimal(value, bounds.digits)


def _shorten(value: object) -> str:
    text = str(value)
    return text if len(text) <= MAX_NUMBER_TEXT else f"{text[:12]}...({len(text)} karakter)"


def _normalise_separators(s: str, *, money: bool) -> str | None:
    """``s`` with one ``.`` decimal point and no thousands separators, or None if malformed.

    A separator read as thousands must group the digits by three (``1.500.000``), so a date
    such as ``1.5.2024`` or a typo such as ``1,,2`` is refused rather than misread.
    """
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        head, _, tail = s.rpartition(decimal)
        if decimal in head or not tail.isdigit() or not _grouped(head, thousands):
            return None
        return head.replace(thousands, "") + "." + tail
    for sep in (",", "."):
        count = s.count(sep)
        if count > 1:
            return s.replace(sep, "") if _grouped(s, sep) else None
        if count == 1:
            head, tail = s.split(sep)
            if sep == "." and money and len(tail) == 3 and head.lstrip("+-"):
                return head + tail
            return f"{head}.{tail}"
    return s


def _grouped(s: str, sep: str) -> bool:
    """True when ``s`` is digits grouped by three with ``sep``: ``1.500.000``, ``-12.000``."""
    first, *rest = s.lstrip("+-").split(sep)
    return (first.isdigit() and len(first) <= 3 and bool(rest)
            and all(len(g) == 3 and g.isdigit() for g in rest))


def format_decimal(value: float, digits: int = 2) -> str:
    """``2.8512`` -> ``'2,85'`` (Indonesian decimal comma, dot for thousands)."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def format_rupiah(value: float) -> str:
    """Full rupiah with dot thousands: ``Rp 1.250.000.000``."""
    return "Rp " + format_decimal(round(value), 0)


def format_rupiah_short(value: float) -> str:
    """Short rupiah for charts and tables: ``Rp 750 jt``, ``Rp 1,2 M``, ``Rp 25 rb``."""
    for scale, suffix in ((1e12, "T"), (1e9, "M"), (1e6, "jt"), (1e3, "rb")):
        # 999.6 jt would show as "1.000 jt": anything that rounds up to the next unit uses it
        if abs(value) >= scale * 0.9995:
            number = value / scale
            digits = 0 if abs(number - round(number)) < 0.05 or abs(number) >= 100 else 1
            return f"Rp {format_decimal(number, digits)} {suffix}"
    return format_rupiah(value)
