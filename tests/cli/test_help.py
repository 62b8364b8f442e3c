"""Help pages and usage errors in Bahasa Indonesia; commands imported only when used."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import roadmap.cli
from roadmap.cli import COMMANDS
from roadmap.cli.group import translate_message
from tests.conftest import EXAMPLES, ROOT, CliResult

Cli = Callable[..., CliResult]
SPBE = EXAMPLES / "spbe-cukup.csv"

# What typer and click print in English; none of it may reach a user.
ENGLISH = (
    "Usage", "Options", "Arguments", "Commands", "Show this message", "Error", "Missing",
    "No such", "Try '", "for help", "required]", "default:", "Invalid value", "Possible options",
    "Got unexpected", "requires an argument", "Did you mean", "<str>", "<path>", "<int",
)


def _no_english(text: str) -> None:
    found = [word for word in ENGLISH if word in text]
    assert not found, f"English text {found} in:\n{text}"


def test_main_help_is_indonesian(cli: Cli) -> None:
    result = cli("--help")
    assert result.code == 0
    assert result.out.startswith("Penggunaan: roadmap [OPSI] PERINTAH [ARGUMEN]...")
    for heading in ("Opsi:", "Perintah:", "Tampilkan pesan ini lalu keluar."):
        assert heading in result.out
    assert all(f"  {name} " in result.out for name in COMMANDS)
    _no_english(result.out)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_help_is_indonesian(cli: Cli, command: str) -> None:
    result = cli(command, "--help")
    assert result.code == 0, result.err
    assert result.out.startswith(f"Penggunaan: roadmap {command} [OPSI]")
    assert "Opsi:" in result.out and "Tampilkan pesan ini lalu keluar." in result.out
    _no_english(result.out)


def test_plan_help_names_its_argument_and_defaults(cli: Cli) -> None:
    out = cli("plan", "--help").out
    assert "Argumen:" in out and "[wajib]" in out and "[bawaan: 12]" in out
    assert "--budget <teks>" in out and "--actions <berkas>" in out


def test_missing_option_value_is_one_indonesian_error(cli: Cli, tmp_path: Path) -> None:
    result = cli("plan", SPBE, "--budget")
    assert result.code == 2
    assert result.out == ""
    assert result.err == "Kesalahan: Opsi '--budget' memerlukan nilai.\n"
    _no_english(result.err)


@pytest.mark.parametrize(("args", "expected"), [
    (("index",), "Kesalahan: Argumen 'PENILAIAN' wajib diisi."),
    (("index", SPBE, "extra"), "Kesalahan: Argumen berlebih yang tidak dikenal: extra"),
    (("plan", SPBE, "--bogus"), "Kesalahan: Opsi tidak dikenal: --bogus"),
    (("plan", SPBE, "--budget"), "Kesalahan: Opsi '--budget' memerlukan nilai."),
    (("plan", SPBE, "--budget", "1", "--months", "x"),
     "Kesalahan: nilai 'x': --months: bukan angka"),
    (("app", "--port", "5"), "Kesalahan: Nilai tidak sah untuk '--port': "),
    (("deps", SPBE, "--json=1"), "Kesalahan: Opsi '--json' tidak menerima nilai."),
    (("plam",), "Kesalahan: Perintah 'plam' tidak dikenal. Mungkin maksud Anda 'plan'?"),
])
def test_usage_errors_are_indonesian(cli: Cli, args: tuple[object, ...], expected: str) -> None:
    result = cli(*args)
    assert result.code == 2
    assert expected in result.err
    _no_english(result.err)


@pytest.mark.parametrize(("english", "indonesian"), [
    # typer 0.28 and later (pydantic)
    ("Invalid value for '--months': Input should be a valid integer, unable to parse string as an "
     "integer", "Nilai tidak sah untuk '--months': harus bilangan bulat."),
    ("Invalid value for '--port': Input should be greater than or equal to 1024",
     "Nilai tidak sah untuk '--port': harus paling sedikit 1024."),
    # click's wording (typer 0.27 and earlier)
    ("Invalid value for '--months': 'x' is not a valid int.",
     "Nilai tidak sah untuk '--months': 'x' bukan bilangan bulat."),
    ("Invalid value for '--port': 5 is not in the range 1024<=x<=65535.",
     "Nilai tidak sah untuk '--port': 5 di luar rentang 1024<=x<=65535."),
    ("Invalid value for '--mode': 'z' is not one of 'a', 'b'.",
     "Nilai tidak sah untuk '--mode': 'z' bukan salah satu dari 'a', 'b'."),
    ("Invalid value for 'assessment': File 'x.csv' does not exist.",
     "Nilai tidak sah untuk 'assessment': berkas 'x.csv' tidak ditemukan."),
    ("Missing option '--out'.", "Opsi '--out' wajib diisi."),
    ("Missing argument 'out'.", "Argumen 'out' wajib diisi."),
    ("No such command 'plam'. Did you mean 'plan'?",
     "Perintah 'plam' tidak dikenal. Mungkin maksud Anda 'plan'?"),
    ("Option '--budget' requires 2 arguments.", "Opsi '--budget' memerlukan 2 nilai."),
    ("Missing command.", "Perintah belum diberikan."),
    ("No such option: --bogus (Possible options: --out)",
     "Opsi tidak dikenal: --bogus (opsi yang mirip: --out)"),
    ("No such option: --bogus Did you mean --out?",
     "Opsi tidak dikenal: --bogus (opsi yang mirip: --out)"),
])
def test_messages_of_both_typer_generations(english: str, indonesian: str) -> None:
    assert translate_message(english) == indonesian


def test_no_arguments_shows_the_indonesian_help(cli: Cli) -> None:
    result = cli()
    assert result.code == 2
    assert "Penggunaan: roadmap" in result.err and "Perintah:" in result.err
    _no_english(result.err)


def test_unknown_messages_pass_unchanged() -> None:
    assert translate_message("sesuatu yang lain") == "sesuatu yang lain"


def test_registry_names_every_command_module() -> None:
    modules = {f"roadmap.cli.{m.name}" for m in pkgutil.iter_modules(roadmap.cli.__path__)
               if m.name.endswith("_cmd")}
    assert set(COMMANDS.values()) == modules
    assert COMMANDS["peta-rencana"] == "roadmap.cli.peta_rencana_cmd"


def test_each_command_module_registers_its_own_name() -> None:
    """``<name>_cmd.py`` registers ``roadmap <name>``: the lazy registry relies on it."""
    script = (
        "import importlib, typer\n"
        "from roadmap.cli.app import COMMANDS, app\n"
        "for name, module in COMMANDS.items():\n"
        "    before = {c.name for c in app.registered_commands}\n"
        "    importlib.import_module(module)\n"
        "    added = {c.name for c in app.registered_commands} - before\n"
        "    assert added == {name}, (module, added)\n"
        "print('OK')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, check=False)
    assert done.returncode == 0 and "OK" in done.stdout, done.stderr


def test_roadmap_error_is_one_line_with_status_2(cli: Cli, tmp_path: Path) -> None:
    result = cli("index", tmp_path / "tidak-ada.csv")
    assert result.code == 2
    assert result.err.startswith("Kesalahan: ") and result.err.count("\n") == 1
    assert "Traceback" not in result.err


def test_every_roadmap_error_is_caught(monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    from roadmap.cli import index_cmd
    from roadmap.errors import OutputError, SolverLimitError

    for error in (OutputError("hasil.xlsx", "izin ditolak"),
                  SolverLimitError("solver berhenti pada batas waktu")):
        def fail(*args: object, error: Exception = error) -> None:
            raise error

        monkeypatch.setattr(index_cmd, "read_assessment", fail)
        result = cli("index", SPBE)
        assert result.code == 2
        assert result.err == f"Kesalahan: {error}\n"


def test_index_and_deps_never_import_heavy_modules() -> None:
    """In a fresh interpreter: no matplotlib, PuLP or Streamlit behind ``index`` and ``deps``."""
    script = (
        "import sys\n"
        "from roadmap.cli import main\n"
        f"assert main(['index', {str(SPBE)!r}]) == 0\n"
        f"assert main(['deps', {str(SPBE)!r}]) == 0\n"
        "heavy = [m for m in ('matplotlib', 'pulp', 'streamlit') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "HEAVY []" in done.stdout


def test_install_hints_name_commands_that_work_from_the_clone() -> None:
    """PyPI's "roadmap" is another project: every hint installs this clone, editable."""
    hints = []
    for source in sorted((ROOT / "roadmap").rglob("*.py")):
        text = source.read_text(encoding="utf-8")
        hints += [(source.name, line.strip())
                  for line in text.splitlines() if "pip install" in line]
    assert hints, "the web app's missing-Streamlit message names an install command"
    for name, line in hints:
        assert re.search(r"\.venv[/\\]+(bin|Scripts)[/\\]+pip install -e ", line), (name, line)
        assert "roadmap[" not in line, (name, line)
