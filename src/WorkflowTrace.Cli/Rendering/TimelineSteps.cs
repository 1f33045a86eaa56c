using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Reading;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>
/// A run's stages and jobs, built from its entries. A stage or job spans from its first to its last entry (a job's
/// entries belong to its stage too). Its closing event — the entry the sink's <c>RunTrace.Stage/Job</c> scope writes
/// when disposed, carrying <c>duration_ms</c> and <c>metadata.Outcome</c> (succeeded or failed) — gives its outcome and
/// duration, and moves its start back to the closing time less that duration when that is earlier than its first entry.
/// A step without a closing event is unfinished. A closing event without <c>metadata.Outcome</c> (other producers) is
/// taken as failed when it is an error, succeeded otherwise — but only when it is the step's last entry.
/// </summary>
static class TimelineSteps
{
    /// <summary>The stages and jobs of <paramref name="entries"/>, by start, each stage before the jobs it holds.</summary>
    public static IReadOnlyList<TimelineStep> From(IEnumerable<TraceEntry> entries)
    {
        var steps = new Dictionary<(string? Stage, string? Job), Builder>();
        foreach (var entry in entries)
        {
            if (entry.Datetime is not { } time) continue;
            if (entry.StageName is { } stage)
                Get(steps, (stage, null)).Add(entry, time, closes: entry.JobName is null);
            if (entry.JobName is { } job)
                Get(steps, (entry.StageName, job)).Add(entry, time, closes: true);
        }

        return steps.Select(s => s.Value.Build(s.Key.Stage, s.Key.Job))
            .OrderBy(s => s.Stage is null ? s.Start : steps[(s.Stage, null)].Start)
            .ThenBy(s => s.Stage, StringComparer.Ordinal)
            .ThenBy(s => s.IsJob)
            .ThenBy(s => s.Start)
            .ThenBy(s => s.Job, StringComparer.Ordinal)
            .ToList();
    }

    static Builder Get(Dictionary<(string?, string?), Builder> steps, (string?, string?) key)
    {
        if (!steps.TryGetValue(key, out var builder))
            steps[key] = builder = new Builder();
        return builder;
    }

    /// <summary>The outcome a closing event states; null when the entry is not one.</summary>
    public static StepOutcome? ClosingOutcome(TraceEntry entry)
    {
        if (entry.DurationMs is null) return null;
        if (entry.Metadata is { ValueKind: JsonValueKind.Object } metadata
            && metadata.TryGetProperty("Outcome", out var outcome) && outcome.ValueKind == JsonValueKind.String)
        {
            return outcome.GetString() switch
            {
                "succeeded" => StepOutcome.Succeeded,
                "failed" => StepOutcome.Failed,
                _ => null,
            };
        }

        return null;
    }

    sealed class Builder
    {
        DateTimeOffset _first = DateTimeOffset.MaxValue;
        DateTimeOffset _last = DateTimeOffset.MinValue;
        TraceEntry? _lastEntry;
        (DateTimeOffset Time, TimeSpan Duration, StepOutcome Outcome)? _closing;

        public DateTimeOffset Start => _closing is { } c && c.Time - c.Duration < _first ? c.Time - c.Duration : _first;

        public void Add(TraceEntry entry, DateTimeOffset time, bool closes)
        {
            if (time < _first) _first = time;
            if (time >= _last)
            {
                _last = time;
                _lastEntry = closes ? entry : null;
            }

            if (closes && ClosingOutcome(entry) is { } outcome)
                _closing = (time, TimeSpan.FromMilliseconds(entry.DurationMs!.Value), outcome);
        }

        public TimelineStep Build(string? stage, string? job)
        {
            var closing = _closing;
            if (closing is null && _lastEntry is { DurationMs: { } ms } last)
                closing = (_last, TimeSpan.FromMilliseconds(ms), last.IsError ? StepOutcome.Failed : StepOutcome.Succeeded);
            var start = closing is { } c && c.Time - c.Duration < _first ? c.Time - c.Duration : _first;
            var end = closing is { } e && e.Time > _last ? e.Time : _last;
            return new TimelineStep(stage, job, start, end, closing?.Duration ?? end - start, closing?.Outcome ?? StepOutcome.Unfinished);
        }
    }
}
