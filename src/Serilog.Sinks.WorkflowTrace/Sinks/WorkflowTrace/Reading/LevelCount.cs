namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>How many entries a query selects at one level.</summary>
/// <param name="Level">The level as stored.</param>
/// <param name="Count">How many entries.</param>
public sealed record LevelCount(string Level, long Count);
