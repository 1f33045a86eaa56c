#!/usr/bin/env bash
# Runs the BenchmarkDotNet benchmarks in Release and copies the markdown reports to
# test/Serilog.Sinks.WorkflowTrace.Benchmarks/results/<UTC date yyyy-MM-dd>/ (meant to be committed).
#
#   build/run-benchmarks.sh                      # all benchmarks, default run length (3 warmup / 10 iterations)
#   build/run-benchmarks.sh --job Dry            # smoke run: each benchmark once, figures meaningless
#   build/run-benchmarks.sh --filter '*Bulk*'    # a subset
#
# Any arguments are passed to BenchmarkDotNet; --filter '*' is added unless a filter is given.
# Run on an otherwise idle machine: anything else using the CPU shows up in the figures.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project_dir="$repo_root/test/Serilog.Sinks.WorkflowTrace.Benchmarks"
artifacts_results="$project_dir/BenchmarkDotNet.Artifacts/results"

args=("$@")
has_filter=false
for arg in "${args[@]+"${args[@]}"}"; do
    case "$arg" in
        -f|--filter|--filter=*) has_filter=true ;;
    esac
done
if [ "$has_filter" = false ]; then
    args=(--filter '*' "${args[@]+"${args[@]}"}")
fi

# Only reports written by this run are copied, not those left by earlier runs.
marker="$(mktemp)"
trap 'rm -f "$marker"' EXIT

cd "$repo_root"
dotnet run -c Release --project test/Serilog.Sinks.WorkflowTrace.Benchmarks -- "${args[@]}"

destination="$project_dir/results/$(date -u +%Y-%m-%d)"
mapfile -t reports < <(find "$artifacts_results" -maxdepth 1 -name '*-report-github.md' -newer "$marker" 2>/dev/null | sort)
if [ "${#reports[@]}" -eq 0 ]; then
    echo "No markdown reports were written under $artifacts_results; nothing copied." >&2
    exit 1
fi

mkdir -p "$destination"
cp "${reports[@]}" "$destination/"
echo
echo "Copied ${#reports[@]} markdown report(s) to ${destination#"$repo_root"/}/:"
for report in "${reports[@]}"; do
    echo "  $(basename "$report")"
done
