namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>An index's mapping in force, compared with the field contract.</summary>
/// <param name="Index">The index.</param>
/// <param name="Differences">The contract fields mapped otherwise (or not at all); empty when it matches.</param>
public sealed record MappingReport(string Index, IReadOnlyList<MappingDifference> Differences)
{
    /// <summary>Whether every contract field is mapped as the contract says.</summary>
    public bool MatchesContract => Differences.Count == 0;
}
