"""Parse and format numbers the way Indonesian spreadsheets write them.

Accepted forms: ``2,85`` and ``2.85``, ``80%``, ``Rp 1.500.000.000``, ``750 jt``, ``1,5 M``
(M is *miliar*, 10^9), ``2 T`` (*triliun*), ``500 rb`` (*ribu*).
"""

from __future__ import annotations

import math
import re

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

    Raises ``InputError`` (without location) when the text is not a number.
    """
    if isinstance(text, bool):
        raise InputError("bukan angka", value=text)
    if isinstance(text, int | float):
        if isinstance(text, float) and not math.isfinite(text):
            raise InputError("bukan angka yang sah", value=text)
        return float(text)
    raw = str(text).strip()
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
    value = float(normalised)
    if percent:
        value /= 100.0
    return value * scale


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
