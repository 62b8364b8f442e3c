"""The rencana aksi report: one Excel workbook a pemda can attach to its document, and a
Markdown summary.

``build_report_content`` is the one pipeline behind ``roadmap report``, ``roadmap plan --out``
and the web app: it computes what the report shows beside a plan. ``save_report`` /
``report_bytes`` write the workbook (``roadmap.report.workbook``, table sheets in
``roadmap.report.tables``, row and page layout in ``roadmap.report.layout``, locale-proof
number formats in ``roadmap.report.formats``) and ``markdown_summary`` the Markdown.
"""

from roadmap.report.content import (
    NONE,
    ReportContent,
    build_report_content,
    cheapest_known,
    default_budgets,
    file_name,
    report_file_name,
    report_title,
)
from roadmap.report.layout import text_units, wrapped_lines
from roadmap.report.markdown import markdown_summary
from roadmap.report.tables import ACTION_HEADERS, action_row, external_note
from roadmap.report.workbook import (
    SHEETS,
    report_bytes,
    report_workbook,
    save_report,
    write_report,
)

__all__ = ["ACTION_HEADERS", "NONE", "SHEETS", "ReportContent", "action_row",
           "build_report_content", "cheapest_known", "default_budgets", "external_note",
           "file_name", "markdown_summary", "report_bytes", "report_file_name", "report_title",
           "report_workbook", "save_report", "text_units", "wrapped_lines", "write_report"]
