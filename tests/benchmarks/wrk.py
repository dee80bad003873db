"""Run wrk and read its `--latency` report: requests per second, p50, p99, non-2xx answers."""

import re
import subprocess


def _seconds(value: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s|m)$", value)
    if match is None:
        raise ValueError(f"unexpected wrk latency {value!r}")
    number, unit = float(match[1]), match[2]
    return number / {"us": 1e6, "ms": 1e3, "s": 1, "m": 1 / 60}[unit]


def wrk(url: str, *, seconds: int, connections: int, cookie: str | None) -> dict:
    """One wrk run; `cookie` is a whole `name=value` pair."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Latency Distribution" not in output:
        raise RuntimeError(f"wrk got no answers from {url}:\n{output}")
    return parse_wrk(output)


# The percentiles are read only inside wrk's "Latency Distribution" block: the thread-stats lines
# above it end in "+/- Stdev" percentages (e.g. "68.50%") that a bare `50%` pattern would match.
_DISTRIBUTION = re.compile(
    r"^\s*Latency Distribution\s*\n((?:[ \t]+\d+%[ \t]+\S+[ \t]*\n?)+)", re.M
)
_PERCENTILE = re.compile(r"^[ \t]+(\d+)%[ \t]+(\S+)", re.M)


def parse_wrk(output: str) -> dict:
    """Requests per second, p50 and p99 (ms) and non-2xx count from `wrk --latency` output."""
    block = _DISTRIBUTION.search(output)
    if block is None:
        raise ValueError(f"no latency distribution in wrk output:\n{output}")
    percentiles = {int(p): _seconds(value) for p, value in _PERCENTILE.findall(block[1])}
    if 50 not in percentiles or 99 not in percentiles:
        raise ValueError(f"wrk latency distribution lacks p50 or p99:\n{block[1]}")
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    if rps is None:
        raise ValueError(f"no Requests/sec in wrk output:\n{output}")
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(rps[1]),
        "p50_ms": percentiles[50] * 1000,
        "p99_ms": percentiles[99] * 1000,
        "errors": int(non2xx[1]) if non2xx else 0,
    }
