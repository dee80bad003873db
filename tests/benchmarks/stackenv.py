"""`make stack`'s environment file, as the benchmark reads it."""

import shlex
from pathlib import Path


def read_env_file(path: Path) -> dict[str, str]:
    """NAME=value lines, each value quoted for the shell (deploy/stack.sh writes them with
    printf %q)."""
    env = {}
    for line in path.read_text().splitlines():
        key, _, value = line.partition("=")
        if key:
            env[key] = " ".join(shlex.split(value))
    return env
