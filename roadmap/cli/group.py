"""The ``roadmap`` command group: each command is imported only when it is used, and the help
pages and usage errors are in Bahasa Indonesia.

**Lazy commands.** ``RoadmapGroup.registry`` (set from ``roadmap.cli.app.COMMANDS``) maps a
command name to the module that registers it. ``roadmap index`` imports
``roadmap.cli.index_cmd`` and nothing else, so it never pays for matplotlib, PuLP or
Streamlit; ``roadmap --help`` imports every module to list them.

**Indonesian text.** typer writes its help through click's ``HelpFormatter`` and reports usage
errors with fixed English sentences (typer 0.2x vendors click as ``typer._click``, whose strings
are not behind gettext). Two extension points that click documents and typer keeps carry the
translation, without importing click:

* ``Context.formatter_class``: :class:`IndonesianFormatter` rewrites the usage prefix, the section
  headings, the type placeholders and typer's fixed help texts as they are written;
* ``Command.main``: :class:`RoadmapGroup` runs in non-standalone mode and shows a usage error
  itself (:func:`usage_error_text`, :func:`translate_message`).
"""

from __future__ import annotations

import difflib
import importlib
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

if TYPE_CHECKING:  # the classes typer builds on (click's, vendored or not)
    from typer._click import Command, Context, HelpFormatter
else:
    Context = TyperGroup.context_class
    HelpFormatter = Context.formatter_class

__all__ = [
    "IndonesianContext",
    "IndonesianFormatter",
    "RoadmapGroup",
    "translate_message",
    "translate_help",
    "usage_error_text",
]

USAGE_PREFIX = "Penggunaan: "
HEADINGS = {"Usage": "Penggunaan", "Options": "Opsi", "Arguments": "Argumen",
            "Commands": "Perintah"}
# Fixed texts typer and click put into help pages, in the order they are replaced.
HELP_PHRASES = (
    ("Show this message and exit.", "Tampilkan pesan ini lalu keluar."),
    ("[required]", "[wajib]"),
    ("[default: ", "[bawaan: "),
    ("env var: ", "variabel lingkungan: "),
    ("(dynamic)", "(dinamis)"),
    ("(DEPRECATED", "(USANG"),
)
# Placeholders in the usage line and in the option column.
PLACEHOLDERS = (
    ("[OPTIONS]", "[OPSI]"),
    ("COMMAND [ARGS]...", "PERINTAH [ARGUMEN]..."),
    ("<list[str]>", "<teks>"),
    ("<list[path]>", "<berkas>"),
    ("<list[int]>", "<bilangan>"),
    ("<int range>", "<bilangan>"),
    ("<float range>", "<angka>"),
    ("<str>", "<teks>"),
    ("<path>", "<berkas>"),
    ("<int>", "<bilangan>"),
    ("<float>", "<angka>"),
    ("TEXT", "TEKS"),
    ("PATH", "BERKAS"),
    ("INTEGER RANGE", "BILANGAN"),
    ("INTEGER", "BILANGAN"),
    ("FLOAT", "ANGKA"),
)

KINDS = {"option": "Opsi", "argument": "Argumen", "parameter": "Parameter"}


def _replace_all(text: str, pairs: Sequence[tuple[str, str]]) -> str:
    for english, indonesian in pairs:
        text = text.replace(english, indonesian)
    return text


def translate_help(text: str) -> str:
    """typer's fixed help texts in Indonesian: ``"[required]"`` -> ``"[wajib]"``."""
    return _replace_all(text, HELP_PHRASES)


def _placeholders(text: str) -> str:
    # Whole words only for the upper-case click names, so "TEXT" in a help sentence stays.
    for english, indonesian in PLACEHOLDERS:
        if english.replace(" ", "").isalpha():
            text = re.sub(rf"(?<![\w-]){re.escape(english)}(?![\w-])", indonesian, text)
        else:
            text = text.replace(english, indonesian)
    return text


class IndonesianFormatter(HelpFormatter):
    """click's help formatter writing Indonesian headings, placeholders and fixed texts."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, _placeholders(args), USAGE_PREFIX if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(HEADINGS.get(heading, heading))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        rows = [(_placeholders(term), translate_help(text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


class IndonesianContext(Context):
    """A click context whose help pages use :class:`IndonesianFormatter`."""

    formatter_class = IndonesianFormatter


# --- usage errors ------------------------------------------------------------------------------

def _or(text: str) -> str:
    return text.replace(" or ", " atau ")


# Reasons typer gives for a bad value, after "Invalid value for '--x': " (pydantic's wording in
# typer 0.28 and later, click's before).
VALUE_REASONS: tuple[tuple[str, Callable[[re.Match[str]], str]], ...] = (
    (r"Input should be a valid integer.*", lambda m: "harus bilangan bulat"),
    (r"Input should be a valid number.*", lambda m: "harus berupa angka"),
    (r"Input should be a valid boolean.*", lambda m: "harus ya atau tidak (true/false)"),
    (r"Input should be greater than or equal to (\S+)",
     lambda m: f"harus paling sedikit {m[1]}"),
    (r"Input should be less than or equal to (\S+)", lambda m: f"harus paling banyak {m[1]}"),
    (r"Input should be greater than (\S+)", lambda m: f"harus lebih dari {m[1]}"),
    (r"Input should be less than (\S+)", lambda m: f"harus kurang dari {m[1]}"),
    (r"Input should be (.+)", lambda m: f"harus {_or(m[1])}"),
    (r"(.+) is not a valid int(?:eger)?\.?", lambda m: f"{m[1]} bukan bilangan bulat"),
    (r"(.+) is not a valid (?:float|number)\.?", lambda m: f"{m[1]} bukan angka"),
    (r"(.+) is not a valid boolean.*", lambda m: f"{m[1]} bukan ya atau tidak (true/false)"),
    (r"(.+) is not in the range (.+?)\.?", lambda m: f"{m[1]} di luar rentang {m[2]}"),
    (r"(?:Value error, )?(.+) is not one of (.+?)\.?",
     lambda m: f"{m[1]} bukan salah satu dari {m[2]}"),
    (r"(?:Value error, )?(.+) is not a valid (\w+)\.?",
     lambda m: f"{m[1]} bukan {m[2]} yang sah"),
    (r"(?:File|Directory|Path) (.+) does not exist\.",
     lambda m: f"berkas {m[1]} tidak ditemukan"),
    (r"(?:File|Directory|Path) (.+) is a file\.", lambda m: f"{m[1]} adalah berkas, bukan folder"),
    (r"(?:File|Directory|Path) (.+) is a directory\.",
     lambda m: f"{m[1]} adalah folder, bukan berkas"),
    (r"(?:File|Directory|Path) (.+) is not readable\.",
     lambda m: f"berkas {m[1]} tidak dapat dibaca"),
    (r"(?:File|Directory|Path) (.+) is not writable\.",
     lambda m: f"berkas {m[1]} tidak dapat ditulis"),
    (r"Value must be an iterable\.", lambda m: "harus berupa daftar"),
)


def _value_reason(reason: str) -> str:
    """The reason in Indonesian, without a final full stop."""
    for pattern, make in VALUE_REASONS:
        match = re.fullmatch(pattern, reason, re.DOTALL)
        if match:
            return make(match)
    return reason.rstrip(".")


def _missing(m: re.Match[str]) -> str:
    text = f"{KINDS.get(m[1], m[1].capitalize())} {m[2]} wajib diisi."
    extra = m[3]
    if extra:
        extra = extra.replace("Choose from:", "Pilih salah satu:")
        text = f"{text} {extra}"
    return text


def _no_such_option(m: re.Match[str]) -> str:
    text = f"Opsi tidak dikenal: {m[1]}"
    return f"{text} (opsi yang mirip: {m[2]})" if m[2] else text


def _no_such_command(m: re.Match[str]) -> str:
    text = f"Perintah {m[1]} tidak dikenal."
    return f"{text} Mungkin maksud Anda {_or(m[2])}?" if m[2] else text


# English usage-error messages (click's and typer's ``format_message()``) and their Indonesian.
MESSAGES: tuple[tuple[str, Callable[[re.Match[str]], str]], ...] = (
    (r"Missing (option|argument|parameter) ?(.*?)\.(?: (.*))?", _missing),
    (r"Missing parameter: (.*)", lambda m: f"Parameter '{m[1]}' wajib diisi."),
    (r"Missing command\.", lambda m: "Perintah belum diberikan."),
    (r"No such option: (\S+)(?: \(Possible options: (.*)\))?", _no_such_option),
    (r"No such option: (\S+)(?: Did you mean (.+)\?)?", _no_such_option),
    (r"No such command (.+?)\.(?: Did you mean (.*)\?)?", _no_such_command),
    (r"Invalid value for (.+?): (.*)",
     lambda m: f"Nilai tidak sah untuk {m[1]}: {_value_reason(m[2])}."),
    (r"Invalid value: (.*)", lambda m: f"Nilai tidak sah: {_value_reason(m[1])}."),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)",
     lambda m: f"Argumen berlebih yang tidak dikenal: {m[1]}"),
    (r"Option (.+) requires an argument\.", lambda m: f"Opsi {m[1]} memerlukan nilai."),
    (r"Option (.+) requires (\d+) arguments\.", lambda m: f"Opsi {m[1]} memerlukan {m[2]} nilai."),
    (r"Option (.+) does not take a value\.", lambda m: f"Opsi {m[1]} tidak menerima nilai."),
    (r"Argument (.+) takes (\d+) values\.", lambda m: f"Argumen {m[1]} memerlukan {m[2]} nilai."),
    (r"Could not open file (.+?): (.*)",
     lambda m: f"Berkas {m[1]} tidak dapat dibuka: {m[2]}"),
    (r"Value (.+) is not a valid (\w+)\.", lambda m: f"Nilai {m[1]} bukan {m[2]} yang sah."),
)


def translate_message(message: str) -> str:
    """A click/typer usage-error message in Indonesian (unknown messages pass unchanged).

    >>> translate_message("Missing option '--out'.")
    "Opsi '--out' wajib diisi."
    >>> translate_message("No such option: --bogus (Possible options: --out)")
    'Opsi tidak dikenal: --bogus (opsi yang mirip: --out)'
    """
    for pattern, make in MESSAGES:
        match = re.fullmatch(pattern, message, re.DOTALL)
        if match:
            return make(match)
    return message


def usage_error_text(err: Exception) -> str:
    """What ``roadmap`` prints for a usage error: usage line, hint, ``Kesalahan: ...``."""
    ctx: Context | None = getattr(err, "ctx", None)
    if type(err).__name__ == "NoArgsIsHelpError" and ctx is not None:
        return ctx.get_help()
    format_message = getattr(err, "format_message", None)
    message = format_message() if callable(format_message) else str(err)
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            help_option = ctx.help_option_names[0]
            lines.append(f"Coba '{ctx.command_path} {help_option}' untuk bantuan.")
        lines.append("")
    lines.append(f"Kesalahan: {translate_message(message)}")
    return "\n".join(lines)


def _click_exception() -> type[Exception]:
    """click's ``ClickException`` (vendored by typer or not), found without importing click."""
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == "ClickException":
            return cls
    return typer.BadParameter.__mro__[-2]  # pragma: no cover  (BaseException's child)


class RoadmapGroup(TyperGroup):
    """The ``roadmap`` group: commands from ``registry``, imported on use;
    Indonesian help pages and usage errors."""

    context_class = IndonesianContext
    # Set by ``roadmap.cli.app`` (which imports this module, so this one never imports it):
    # command name -> module, and the typer app the modules register their commands with.
    registry: dict[str, str] = {}
    typer_app: typer.Typer | None = None

    def list_commands(self, ctx: Context) -> list[str]:
        return list(dict.fromkeys([*self.registry, *self.commands]))

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        command = self.commands.get(cmd_name)
        if command is None:
            module = self.registry.get(cmd_name)
            if module is None or self.typer_app is None:
                return None
            importlib.import_module(module)
            built = typer.main.get_command(self.typer_app)
            assert isinstance(built, TyperGroup)
            command = built.commands.get(cmd_name)
            if command is None:  # pragma: no cover  (a registry entry without its command)
                return None
            self.commands[cmd_name] = command
        command.context_class = IndonesianContext
        return command

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        name = args[0]
        command = self.get_command(ctx, name)
        if command is None and not ctx.resilient_parsing:
            if name.startswith("-"):
                self.parse_args(ctx, args)  # reports the unknown option
            text = f"Perintah '{name}' tidak dikenal."
            close = difflib.get_close_matches(name, self.list_commands(ctx))
            if close:
                text += " Mungkin maksud Anda " + " atau ".join(f"'{c}'" for c in close) + "?"
            ctx.fail(text)
        return (name if command else None), command, args[1:]

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """As click's ``main``, with usage errors shown in Indonesian (standalone mode)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except typer.Abort:
            typer.echo("Dibatalkan.", err=True)
            sys.exit(1)
        except _click_exception() as err:
            typer.echo(usage_error_text(err), err=True)
            sys.exit(getattr(err, "exit_code", 1))
        # Non-standalone main returns the command's value, or the code of a typer.Exit.
        sys.exit(result if isinstance(result, int) and not isinstance(result, bool) else 0)
