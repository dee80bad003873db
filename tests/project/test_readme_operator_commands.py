"""CI runs the README's operator commands as written: the block is found and names each step."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _module():
    spec = importlib.util.spec_from_file_location(
        "readme_commands", ROOT / ".ci" / "readme_commands.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_operator_block_holds_every_step_from_an_empty_database():
    commands = _module().operator_commands((ROOT / "README.md").read_text())

    assert commands[0] == "python manage.py migrate --noinput"
    assert "python manage.py check --deploy --fail-level WARNING" in commands
    assert {"python manage.py load_content", "python manage.py load_curriculum"} <= set(commands)


def test_a_readme_without_the_block_stops_ci_with_a_message():
    with pytest.raises(SystemExit, match="operator-commands"):
        _module().operator_commands("# README\n")
