using Serilog.Sinks.WorkflowTrace.Reading;

namespace WorkflowTrace.Cli.Statistics;

/// <summary>Everything <c>workflow-trace stats</c> shows: per workflow, per level, and entries over time.</summary>
/// <param name="Since">The range's start.</param>
/// <param name="Until">The range's end (excluded).</param>
/// <param name="Interval">The width of one histogram bar.</param>
/// <param name="Workflows">Per workflow, most entries first.</param>
/// <param name="Levels">Entries per level, most first.</param>
/// <param name="Histogram">Entries (and errors) per interval, empty intervals included, oldest first.</param>
sealed record StatsReport(DateTimeOffset Since, DateTimeOffset Until, TimeSpan Interval, IReadOnlyList<WorkflowFigures> Workflows,
    IReadOnlyList<LevelCount> Levels, IReadOnlyList<TimeBucket> Histogram);
