"""Run the README's operator commands exactly as written (the fenced block after the
`<!-- operator-commands -->` marker), stopping at the first that fails.

    python .ci/readme_commands.py          # print them
    python .ci/readme_commands.py --run    # run each with bash, in the current environment
"""

import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
MARKER = "<!-- operator-commands -->"


def operator_commands(text: str) -> list[str]:
    """The lines of the first fenced block after the marker (indentation and comments dropped)."""
    if MARKER not in text:
        raise SystemExit(f"README.md has no {MARKER} marker before the operator commands.")
    lines = iter(text.split(MARKER, 1)[1].splitlines())
    for line in lines:
        if line.strip().startswith("```"):
            break
    else:
        raise SystemExit(f"README.md has no fenced block after {MARKER}.")
    commands = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("```"):
            return commands
        command = stripped.split(" #", 1)[0].strip()
        if command and not command.startswith("#"):
            commands.append(command)
    raise SystemExit("README.md: the operator commands' fenced block is not closed.")


def main() -> int:
    commands = operator_commands(README.read_text())
    if "--run" not in sys.argv[1:]:
        print("\n".join(commands))
        return 0
    for command in commands:
        print(f"+ {command}", flush=True)
        result = subprocess.run(["bash", "-euo", "pipefail", "-c", command], check=False)  # noqa: S603,S607
        if result.returncode != 0:
            print(
                f"README operator command failed ({result.returncode}): {command}", file=sys.stderr
            )
            return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
