"""Command-line tools that some tests run, and the Debian package that provides each.

A missing tool fails the test with the package to install; it never skips the test.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

PACKAGES_FILE = Path(__file__).resolve().parent.parent / "deploy" / "debian-packages.txt"

# tool -> the Debian package (listed in deploy/debian-packages.txt) that provides it
TOOL_PACKAGES = {
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "zbarimg": "zbar-tools",
}


def missing_message(tool: str) -> str:
    package = TOOL_PACKAGES[tool]
    return (
        f"`{tool}` is not installed: install the Debian package {package} "
        f"(sudo apt-get install -y {package}; every package is listed in "
        f"deploy/debian-packages.txt)."
    )


def require(tool: str) -> str:
    """The tool's path; fails the calling test, naming the package, when it is missing."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(missing_message(tool), pytrace=False)
    return path


def run(tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a listed tool and capture its text output."""
    return subprocess.run([require(tool), *args], capture_output=True, text=True, check=check)


def pdf_text(path: Path) -> str:
    """The text of a PDF, as pdftotext reads it."""
    return run("pdftotext", str(path), "-").stdout
