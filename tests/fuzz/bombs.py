"""Build hostile workbooks at test time (never committed): decompression bombs and broken parts.

A bomb part is written as one deflate block repeated: a block that ends with a full flush
starts from an empty history, so the copies concatenate into one valid stream. A gigabyte of
spaces is thus built in a fraction of a second and takes about a megabyte on disk.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import openpyxl

SHEET = "xl/worksheets/sheet1.xml"
STYLES = "xl/styles.xml"
STRINGS = "xl/sharedStrings.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

Part = bytes | tuple[bytes, bytes, int, bytes]  # plain, or (head, chunk, repeat, tail)


def small_workbook() -> dict[str, bytes]:
    """The parts of a valid SPBE assessment workbook (47 indicators at level 2)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "penilaian"
    sheet.append(["indikator", "tingkat"])
    for indicator in range(1, 48):
        sheet.append([indicator, 2])
    buffer = io.BytesIO()
    workbook.save(buffer)
    import zipfile

    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_zip(path: Path, parts: dict[str, Part]) -> Path:
    """A zip of ``parts``; a tuple part is ``head + chunk * repeat + tail``, deflated cheaply."""
    out = bytearray()
    directory = bytearray()
    for name, part in parts.items():
        data, crc, size = _deflate(part)
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size,
                           len(encoded), 0) + encoded + data
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc,
                                 len(data), size, len(encoded), 0, 0, 0, 0, 0,
                                 offset) + encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(directory),
                      len(out), 0)
    path.write_bytes(bytes(out + directory + end))
    return path


def _deflate(part: Part) -> tuple[bytes, int, int]:
    head, chunk, repeat, tail = (part, b"", 0, b"") if isinstance(part, bytes) else part
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH) if chunk else b""
    last = compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(repeat):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    return first + block * repeat + last, crc, len(head) + len(chunk) * repeat + len(tail)


def style_bomb(path: Path, count: int = 5_000_000) -> Path:
    """``count`` cell styles (5 million: about 300 MB of XML in under a megabyte)."""
    parts: dict[str, Part] = dict(small_workbook())
    styles = parts[STYLES]
    assert isinstance(styles, bytes)
    head, _, rest = styles.partition(b"<cellXfs")
    tail = rest[rest.index(b"</cellXfs>"):]
    xf = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    parts[STYLES] = (head + b'<cellXfs count="%d">' % count, xf * 1000, count // 1000, tail)
    return write_zip(path, parts)


def whitespace_bomb(path: Path, gib: float = 1.0) -> Path:
    """A sheet holding ``gib`` GiB of spaces before its data."""
    parts: dict[str, Part] = dict(small_workbook())
    sheet = parts[SHEET]
    assert isinstance(sheet, bytes)
    head, mark, tail = sheet.partition(b"<sheetData>")
    parts[SHEET] = (head, b" " * (1 << 20), int(gib * 1024), mark + tail)
    return write_zip(path, parts)


def wide_dimension(path: Path) -> Path:
    """A sheet whose dimension claims every column up to XFD (and every row)."""
    parts: dict[str, Part] = dict(small_workbook())
    sheet = parts[SHEET]
    assert isinstance(sheet, bytes)
    parts[SHEET] = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', sheet)
    return write_zip(path, parts)


def wide_cell(path: Path) -> Path:
    """No dimension, but a cell in column XFD."""
    parts: dict[str, Part] = dict(small_workbook())
    sheet = parts[SHEET]
    assert isinstance(sheet, bytes)
    sheet = re.sub(rb"<dimension [^>]*/>", b"", sheet)
    parts[SHEET] = sheet.replace(b'<c r="B2"', b'<c r="XFD2"')
    return write_zip(path, parts)


def string_bomb(path: Path, count: int = 1_000_000) -> Path:
    """``count`` shared strings."""
    parts: dict[str, Part] = dict(small_workbook())
    parts[STRINGS] = (b'<sst xmlns="%s" count="1" uniqueCount="1">' % MAIN.encode(),
                      b"<si><t>a</t></si>" * 1000, count // 1000, b"</sst>")
    return write_zip(path, parts)


def without_sheet(path: Path) -> Path:
    """A workbook whose sheet part is missing (the workbook still lists the sheet)."""
    parts: dict[str, Part] = dict(small_workbook())
    del parts[SHEET]
    return write_zip(path, parts)


def without_any_sheet(path: Path) -> Path:
    """A workbook whose workbook part lists no sheet at all."""
    parts: dict[str, Part] = dict(small_workbook())
    workbook = parts["xl/workbook.xml"]
    assert isinstance(workbook, bytes)
    parts["xl/workbook.xml"] = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", workbook)
    return write_zip(path, parts)


BOMBS = {
    "gaya-5-juta": style_bomb,
    "spasi-1-gib": whitespace_bomb,
    "dimensi-xfd": wide_dimension,
    "sel-xfd": wide_cell,
    "teks-1-juta": string_bomb,
    "tanpa-lembar": without_sheet,
    "daftar-lembar-kosong": without_any_sheet,
}
