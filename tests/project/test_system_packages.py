"""One list of Debian packages: the README, CI and the tests all use deploy/debian-packages.txt."""

from pathlib import Path

import pytest

from tests import tools

ROOT = Path(__file__).resolve().parents[2]
INSTALL = "sed 's/#.*//' deploy/debian-packages.txt | xargs sudo apt-get install -y"


def _listed() -> set[str]:
    lines = tools.PACKAGES_FILE.read_text().splitlines()
    return {line.split("#")[0].strip() for line in lines} - {""}


def test_every_tool_a_test_runs_comes_from_a_listed_package():
    assert set(tools.TOOL_PACKAGES.values()) <= _listed()
    assert {"libpango-1.0-0", "libpangoft2-1.0-0", "chromium", "npm", "wrk"} <= _listed()


def test_a_missing_tool_fails_the_test_naming_its_package(monkeypatch):
    monkeypatch.setitem(tools.TOOL_PACKAGES, "no-such-tool-x9", "some-package")

    with pytest.raises(pytest.fail.Exception) as failure:
        tools.require("no-such-tool-x9")

    assert "install the Debian package some-package" in str(failure.value)


def test_the_readme_and_ci_install_from_the_same_list():
    assert INSTALL in (ROOT / "README.md").read_text()
    assert "deploy/debian-packages.txt" in (ROOT / ".ci" / "run").read_text()
