#!/usr/bin/env bash
# The whole performance record in one command (issue 18, point 6): the BenchmarkDotNet micro-benchmarks
# (build/run-benchmarks.sh), the burst head to head (build/run-harness.sh) and the steady load with the read side's
# figures appended (build/run-harness.sh steady). Each part writes its results files; this script commits nothing:
# review them, then commit them with the change they measure, so that every run leaves its record.
#
#   build/run-perf.sh                                    # everything at full length (steady: 60 s per run, 5-s probes;
#                                                        # long: about 45 min for steady alone on 2 cores)
#   build/run-perf.sh --steady-duration 15 --probe-seconds 3   # steady shortened (each results file says so)
#   build/run-perf.sh --bench-filter '*Bulk*'            # a subset of the micro-benchmarks (BenchmarkDotNet --filter)
#   build/run-perf.sh --bench-job Dry                    # benchmarks once each: a smoke run, figures meaningless
#   build/run-perf.sh --rounds 3                         # head to head rounds (default 5)
#   build/run-perf.sh --skip-bench --skip-head-to-head --skip-steady   # leave a part out (any of the three)
#
# Environment: HARNESS_LABEL=<word> names the harness's results files <date>-<kind>-<word>.md (as run-harness.sh);
# PERF_LOCK=<file> runs each part under `flock <file>`, so that measurements on a shared machine never overlap.
# Results: test/Serilog.Sinks.WorkflowTrace.Benchmarks/results/<UTC date>/*.md and
#          test/Serilog.Sinks.WorkflowTrace.PerfHarness/results/<UTC date>-{head-to-head,steady}[-label].md
# Run on an otherwise idle machine.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

bench=true head_to_head=true steady=true
bench_args=() rounds=() steady_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --skip-bench) bench=false ;;
        --skip-head-to-head) head_to_head=false ;;
        --skip-steady) steady=false ;;
        --bench-filter) bench_args+=(--filter "$2"); shift ;;
        --bench-job) bench_args+=(--job "$2"); shift ;;
        --rounds) rounds=(--rounds "$2"); shift ;;
        --steady-duration) steady_args+=(--duration "$2"); shift ;;
        --probe-seconds) steady_args+=(--probe-seconds "$2"); shift ;;
        *) echo "run-perf.sh: unknown option '$1' (see the header of $0)" >&2; exit 64 ;;
    esac
    shift
done

locked() {
    if [ -n "${PERF_LOCK:-}" ]; then flock "$PERF_LOCK" "$@"; else "$@"; fi
}

marker="$(mktemp)"
trap 'rm -f "$marker"' EXIT

if [ "$bench" = true ]; then
    echo "== micro-benchmarks"
    locked build/run-benchmarks.sh "${bench_args[@]+"${bench_args[@]}"}"
fi
if [ "$head_to_head" = true ]; then
    echo "== burst head to head"
    locked build/run-harness.sh "${rounds[@]+"${rounds[@]}"}"
fi
if [ "$steady" = true ]; then
    echo "== steady load, and the read side"
    locked build/run-harness.sh steady "${steady_args[@]+"${steady_args[@]}"}"
fi

echo
echo "Results files written by this run (not committed):"
find test/Serilog.Sinks.WorkflowTrace.Benchmarks/results test/Serilog.Sinks.WorkflowTrace.PerfHarness/results \
    -type f -name '*.md' -newer "$marker" 2>/dev/null | sort | sed 's/^/  /'
