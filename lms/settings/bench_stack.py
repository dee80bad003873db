"""The production settings plus the benchmark's bare view: what `make stack` runs when started
with STACK_SETTINGS=lms.settings.bench_stack, for `make bench BENCH_ARGS=--topology=stack`."""

from .production import *

ROOT_URLCONF = "tests.benchmarks.urls"
