namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>One interval of a histogram over time.</summary>
/// <param name="Start">The interval's start (UTC).</param>
/// <param name="Entries">How many entries fall in it.</param>
/// <param name="Errors">How many of them are errors.</param>
public sealed record TimeBucket(DateTimeOffset Start, long Entries, long Errors);
