"""The wrk report parser reads percentiles only from the latency-distribution block."""

import pytest

from tests.benchmarks.wrk import parse_wrk

# Recorded from `wrk -t1 -c8 -d5s --latency`: both thread-stats lines end in a "+/- Stdev"
# percentage ending in 50%, which a bare `50%\s+(\S+)` read as the p50 ("Req/Sec").
STDEV_ENDING_IN_50 = """\
Running 5s test @ http://127.0.0.1:41235/training/foundations/module-1/lesson-1/
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    31.42ms    8.77ms  92.18ms   68.50%
    Req/Sec   255.61     30.12   310.00     50%
  Latency Distribution
     50%   29.87ms
     75%   35.02ms
     90%   41.66ms
     99%   63.40ms
  1279 requests in 5.01s, 14.63MB read
Requests/sec:    255.38
Transfer/sec:      2.92MB
"""

WITH_ERRORS_AND_SECONDS = """\
Running 5s test @ https://127.0.0.1:9443/training/dashboard/
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   850.00ms  300.10ms   1.90s    50.00%
    Req/Sec     9.40      4.50    20.00     75.50%
  Latency Distribution
     50%  812.33ms
     75%    1.01s
     90%    1.30s
     99%    1.85s
  47 requests in 5.02s, 1.20MB read
  Socket errors: connect 0, read 0, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:      9.36
Transfer/sec:    244.80KB
"""


def test_p50_comes_from_the_distribution_when_a_stdev_ends_in_50_percent():
    figures = parse_wrk(STDEV_ENDING_IN_50)
    assert figures == {
        "rps": 255.38,
        "p50_ms": pytest.approx(29.87),
        "p99_ms": pytest.approx(63.40),
        "errors": 0,
    }


def test_seconds_and_non_2xx_answers_are_read():
    figures = parse_wrk(WITH_ERRORS_AND_SECONDS)
    assert figures["p50_ms"] == pytest.approx(812.33)
    assert figures["p99_ms"] == pytest.approx(1850)
    assert figures["errors"] == 3
    assert figures["rps"] == 9.36


def test_microsecond_latencies_are_read():
    output = STDEV_ENDING_IN_50.replace("29.87ms", "850.12us").replace("63.40ms", "1.20ms")
    figures = parse_wrk(output)
    assert figures["p50_ms"] == pytest.approx(0.85012)
    assert figures["p99_ms"] == pytest.approx(1.2)


def test_output_without_a_distribution_is_refused_clearly():
    head, _, _ = STDEV_ENDING_IN_50.partition("  Latency Distribution")
    with pytest.raises(ValueError, match="no latency distribution"):
        parse_wrk(head + "Requests/sec:    255.38\n")


def test_the_stacks_environment_file_is_read_as_the_shell_would(tmp_path):
    from tests.benchmarks.stackenv import read_env_file

    env = tmp_path / "env"
    env.write_text(
        "ALLOWED_HOSTS=127.0.0.1\\,localhost\nPROGRAM_NAME=Peer\\ Mentor\\ Program\nEMPTY=\n"
    )
    assert read_env_file(env) == {
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PROGRAM_NAME": "Peer Mentor Program",
        "EMPTY": "",
    }
