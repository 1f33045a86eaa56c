#!/usr/bin/env bash
# The end-to-end performance harness: WorkflowTrace beside Serilog.Sinks.Seq 9.1.0, each against a loopback
# receiver, plus the two limits (serialising alone; posting pre-built bulk bodies). Several rounds, medians.
# Writes the table to test/Serilog.Sinks.WorkflowTrace.PerfHarness/results/<UTC date>-<kind>.md (meant to be committed).
#
#   build/run-harness.sh                       # head to head: 1,000,000 events, 3 rounds
#   build/run-harness.sh --matrix --events 500000   # scaling: 1/2/4 threads, batch 100/1000/5000, gzip on/off
#   build/run-harness.sh read                  # reading one run of 10,000 and of 100,000 entries back (ReadRunAsync)
#   build/run-harness.sh durable --events 200000   # durable buffer's cost: ours in memory / bufferPath / write-through
#                                              # (a quarter of the events unless --write-through-events N), Seq in memory /
#                                              # durable (bufferBaseFilename), floor; 3 rounds; disk bytes per event; targets
#   build/run-harness.sh steady --duration 15 --probe-seconds 3   # steady load (issue 18): ours in memory / bufferPath,
#                                              # Seq, floor at 10,000 and 50,000 events/s and at each sink's highest sustained
#                                              # rate, by 1 and 4 threads (--threads T for one; --sinks ours,durable,seq,none);
#                                              # call latency p50/p99/p99.9/max, CPU, GC pauses; default 60 s per run, 5-s probes.
#                                              # The read side's table (read --rounds 1) is appended, so the file shows both sides.
#
# HARNESS_LABEL=<word> adds "-<word>" to the results file's name (a second run on the same day keeps the first).
# Run on an otherwise idle machine.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
dotnet build -c Release test/Serilog.Sinks.WorkflowTrace.PerfHarness -v quiet -nologo
kind=head-to-head
for arg in "$@"; do [ "$arg" = "--matrix" ] && kind=matrix; [ "$arg" = "read" ] && kind=read; [ "$arg" = "durable" ] && kind=durable; [ "$arg" = "steady" ] && kind=steady; done
out="test/Serilog.Sinks.WorkflowTrace.PerfHarness/results/$(date -u +%Y-%m-%d)-$kind${HARNESS_LABEL:+-$HARNESS_LABEL}.md"
mkdir -p "$(dirname "$out")"
dotnet test/Serilog.Sinks.WorkflowTrace.PerfHarness/bin/Release/net10.0/Serilog.Sinks.WorkflowTrace.PerfHarness.dll "$@" | tee "$out"
if [ "$kind" = steady ]; then
    # Issue 18 point 4: the read side's figures beside the write side's, in the same file.
    { echo; echo "## Read side (read mode, 1 round)"; echo; } | tee -a "$out"
    dotnet test/Serilog.Sinks.WorkflowTrace.PerfHarness/bin/Release/net10.0/Serilog.Sinks.WorkflowTrace.PerfHarness.dll read --rounds 1 | tee -a "$out"
fi
echo "Results written to $out"
