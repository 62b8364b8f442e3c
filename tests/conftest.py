"""Shared test helpers: run the CLI in-process and validate JSON against the contracts."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest

from roadmap.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "data" / "examples"
CONTRACTS = ROOT.parent / "shared" / "contract"


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """``cli("index", "file.csv", "--json")`` runs ``roadmap`` in-process."""

    def run(*args: object) -> CliResult:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def validate_contract(name: str, payload: object) -> None:
    """Validate ``payload`` against ``shared/contract/<name>.schema.json``.

    The contracts live beside the repository (``../shared``); a copy under ``tests/contract``
    is used when that folder is absent.
    """
    folder = CONTRACTS if CONTRACTS.exists() else ROOT / "tests" / "contract"
    schema = json.loads((folder / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(payload, schema)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: a test that takes more than 5 seconds")
