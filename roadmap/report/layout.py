"""Page and row layout of the report sheets: fonts, row heights measured in Arial, print setup
and embedded charts.

Spreadsheet programs do not grow the rows of a generated file to fit wrapped text, so the
lines are counted here by wrapping each text at its column's width with Arial's character
widths. Arial (Liberation Sans in LibreOffice has the same metrics) makes the layout the same
in every program.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from matplotlib.figure import Figure
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from roadmap.charts.style import png_bytes

__all__ = ["CHART_WIDTH_PX", "WIDE_CHART_PX", "add_chart", "fit_page", "fit_rows",
           "text_units", "wrap", "wrapped_lines"]

CHART_WIDTH_PX = 760
WIDE_CHART_PX = 1200  # the Gantt chart, under the wide action table
ROW_PX = 20  # a default row is 15 points, 20 pixels
FONT_NAME = "Arial"
FONT_SIZE = 10
DEFAULT_SIZE = 11  # openpyxl's default cell font size
LINE_POINTS = 12.75  # the height of one line of 10-point Arial
CELL_PADDING = 0.8  # column-width units lost to the cell's margins
BOLD_FACTOR = 1.08
ARIAL_PER_UNIT = 1.06
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
CENTRE = Alignment(horizontal="center", vertical="top")


def wrap(sheet: Worksheet, columns: Sequence[int], first_row: int = 2, *,
         centre: Sequence[int] = (), last_row: int | None = None) -> None:
    """Align every data cell from ``first_row`` to ``last_row`` (the sheet's last by default)
    to the top, wrap the text of ``columns`` and centre the small numbers of ``centre``
    (1-based column numbers)."""
    for row in sheet.iter_rows(min_row=first_row, max_row=last_row or sheet.max_row):
        for cell in row:
            cell.alignment = (WRAP if cell.column in columns
                              else CENTRE if cell.column in centre else TOP)


def add_chart(sheet: Worksheet, figure: Figure, row: int, *,
              width: int = CHART_WIDTH_PX, new_page: bool = True) -> int:
    """Embed ``figure`` as a PNG ``width`` pixels wide at column A of ``row``, starting a
    printed page there when ``new_page``; return the first row below it."""
    image = Image(io.BytesIO(png_bytes(figure)))
    scale = width / image.width
    image.width, image.height = width, round(image.height * scale)
    sheet.add_image(image, f"A{row}")
    if new_page:
        sheet.row_breaks.append(Break(id=row - 1))
    return row + math.ceil(image.height / ROW_PX) + 2


def fit_rows(sheet: Worksheet) -> None:
    """Set every cell in Arial and give rows with wrapped text the height they need."""
    for number, row in enumerate(sheet.iter_rows(min_row=1, max_row=sheet.max_row), start=1):
        lines = 1
        for cell in row:
            font = cell.font
            size = font.sz if font.sz and font.sz != DEFAULT_SIZE else FONT_SIZE
            cell.font = Font(name=FONT_NAME, size=size, bold=font.b, color=font.color)
            if cell.value is None or not (cell.alignment and cell.alignment.wrap_text):
                continue
            width = sheet.column_dimensions[get_column_letter(cell.column)].width or 10
            lines = max(lines, wrapped_lines(str(cell.value), width, bold=bool(font.b)))
        if lines > 1:
            sheet.row_dimensions[number].height = LINE_POINTS * lines + 2


def fit_page(sheet: Worksheet, *, landscape: bool, title_rows: str | None = None) -> None:
    """Print on A4, one page wide (as many pages down as needed), ``landscape`` or portrait,
    repeating ``title_rows`` (e.g. ``"1:1"``) at the top of every page."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.print_options.horizontalCentered = True
    if title_rows:
        sheet.print_title_rows = title_rows


def text_units(text: str, *, bold: bool = False) -> float:
    """The width of ``text`` in 10-point Arial, in column-width units.

    A column-width unit is the digit width of the workbook's default font (11-point Calibri,
    7 pixels); a 10-point Arial digit is about 6% wider.

    >>> round(text_units("0000"), 2), round(text_units("Iii"), 2)
    (4.24, 1.38)
    """
    units = sum(_ARIAL_WIDTHS.get(ch, _ARIAL_UPPER if ch.isupper() else _ARIAL_DEFAULT)
                for ch in text) / _ARIAL_WIDTHS["0"]
    return units * (BOLD_FACTOR if bold else 1.0) * ARIAL_PER_UNIT


def wrapped_lines(text: str, width: float, *, bold: bool = False) -> int:
    """How many lines ``text`` takes in a wrapped cell of column width ``width``.

    >>> wrapped_lines("Tata Kelola", 20), wrapped_lines("Tata Kelola Pemerintah Digital", 12)
    (1, 3)
    """
    usable = max(width - CELL_PADDING, 1.0)
    space = text_units(" ", bold=bold)
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0.0
        for word in paragraph.split():
            size = text_units(word, bold=bold)
            if used and used + space + size > usable:
                lines, used = lines + 1, 0.0
            used += (space if used else 0.0) + size
            while used > usable:  # a word longer than the column breaks inside
                lines, used = lines + 1, used - usable
        total += lines
    return total


# Arial advance widths in 1/1000 em (Liberation Sans has the same).
_ARIAL_WIDTHS = {
    **dict.fromkeys("0123456789abdeghnopqu$", 556.0), **dict.fromkeys("ckszvxyJ", 500.0),
    **dict.fromkeys("ijl|", 222.0), **dict.fromkeys(" ft.,:;/!I[]", 278.0),
    **dict.fromkeys("r-()", 333.0), "m": 833.0, "w": 722.0, "'": 191.0, "%": 889.0,
    "–": 556.0, "—": 1000.0, "+": 584.0, "=": 584.0, "≥": 549.0, "→": 1000.0,
    "M": 833.0, "W": 944.0, "C": 722.0, "D": 722.0, "H": 722.0, "N": 722.0, "R": 722.0,
    "U": 722.0, "G": 778.0, "O": 778.0, "Q": 778.0, "F": 611.0, "T": 611.0, "Z": 611.0,
    "L": 556.0,
}
_ARIAL_UPPER = 667.0
_ARIAL_DEFAULT = 556.0
