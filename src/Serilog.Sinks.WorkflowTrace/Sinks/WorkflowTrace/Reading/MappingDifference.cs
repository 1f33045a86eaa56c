namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>One contract field whose mapping in force differs from the contract.</summary>
/// <param name="Field">The field's name.</param>
/// <param name="Expected">The contract's type.</param>
/// <param name="Actual">The type in force, or null when the field is not mapped.</param>
public sealed record MappingDifference(string Field, string Expected, string? Actual);
