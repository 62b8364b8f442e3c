"""The Markdown summary: title, key figures, actions with months, contributions and a total."""

from __future__ import annotations

from dataclasses import replace

from roadmap.labels import format_month_range
from roadmap.numbers import format_decimal
from roadmap.plan import Plan
from roadmap.report import ReportContent, markdown_summary


def test_markdown_summary(content: ReportContent, plan: Plan) -> None:
    lines = markdown_summary(content.problem, plan, scenarios=(plan,),
                             simulation=content.simulation, pemda="Kabupaten Uji",
                             tahun=2027).splitlines()
    assert lines[0] == "# Pemerintah Kabupaten Uji — Rencana Aksi Uji 2027"
    assert "- Pemerintah daerah: Kabupaten Uji" in lines
    assert "- Tahun rencana aksi: 2027" in lines
    assert "- Indeks saat ini: **1,00** (Kurang)" in lines
    assert ("- Indeks harapan setelah rencana aksi: **1,50** (Kurang), kenaikan 0,50"
            in lines)
    assert "- Total biaya: Rp 350.000.000 untuk 3 aksi dalam 5 bulan" in lines
    assert "- Peluang mencapai predikat (atau lebih tinggi), dari 2.000 simulasi: Baik 0%" in lines
    planned = {p.action.id: p for p in plan.selected}
    row_c = next(line for line in lines if "[C]" in line)
    assert "Aplikasi dua \\| tahap 1" in row_c and row_c.count(" | ") == 6
    assert "| bulan 4–5 |" in row_c
    assert format_month_range(planned["C"].start_month, planned["C"].end_month) == "bulan 4–5"
    row_b = next(line for line in lines if "[B]" in line)
    assert "| 50% |" in row_b
    assert f"| {format_decimal(planned['B'].contribution, 3)} |" in row_b
    total = sum(p.contribution for p in plan.selected)
    assert (f"| | **Jumlah** | | | **Rp 350 jt** | | **{format_decimal(total, 3)}** |"
            in lines)
    assert "| Rp 350.000.000 | Rp 350.000.000 | 1,50 | Kurang | 3 |" in lines


def test_neutral_title_and_no_actions(content: ReportContent) -> None:
    empty = replace(content.plan, selected=(), total_cost=0.0)
    text = markdown_summary(content.problem, empty)
    assert text.startswith("# Rencana Aksi Uji\n")
    assert "Tidak ada aksi terpilih." in text and "Pemerintah daerah" not in text
