"""The analyst notebooks run from a clean ``python3`` kernel, so they can never rot.

(``pytest --nbmake notebooks/`` runs them too; this test keeps them in the default suite and
checks what they show.)
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# Per notebook: texts its outputs must contain, and how many charts it shows.
EXPECTED = {
    "01-rencana-aksi.ipynb": (["Indeks SPBE: 1,95 (Cukup)", "18 dari 47 indikator terhambat",
                               "Laporan ditulis: rencana-aksi.xlsx"], 4),
}


def test_every_notebook_has_expectations() -> None:
    assert sorted(p.name for p in NOTEBOOKS) == sorted(EXPECTED)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_and_shows_its_results(path: Path, tmp_path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for cell in notebook.cells for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    texts = "\n".join(o.text if o.output_type == "stream" else o.data.get("text/plain", "")
                      for o in outputs if o.output_type == "stream" or "data" in o)
    fragments, charts = EXPECTED[path.name]
    for fragment in fragments:
        assert fragment in texts
    assert sum("data" in o and "image/png" in o.data for o in outputs) == charts
