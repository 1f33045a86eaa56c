using Serilog.Sinks.WorkflowTrace.Reading;

namespace WorkflowTrace.Cli.Statistics;

/// <summary>
/// Groups error entries, streamed, by workflow and exception type. Memory grows with the number of groups and of the
/// distinct runs per group (their ids, to count runs affected), not with the number of entries.
/// </summary>
sealed class ErrorGrouper
{
    /// <summary>What stands for a missing workflow or exception type.</summary>
    public const string None = "(none)";

    readonly Dictionary<(string Workflow, string Type), Accumulator> _groups = [];

    /// <summary>Counts one error entry.</summary>
    public void Add(TraceEntry entry)
    {
        var key = (entry.WorkflowName ?? None, entry.ExceptionType ?? None);
        if (!_groups.TryGetValue(key, out var group))
            _groups[key] = group = new Accumulator();
        group.Count++;
        if (entry.RunId is not null)
            group.Runs.Add(entry.RunId);
        if (group.LastSeen is null || entry.Datetime >= group.LastSeen)
        {
            group.LastSeen = entry.Datetime ?? group.LastSeen;
            group.Sample = entry.ExceptionMessage ?? entry.Message;
            group.LastRunId = entry.RunId;
        }
    }

    /// <summary>The groups, most frequent first; ties: the most recently seen first, then by workflow and type.</summary>
    public IReadOnlyList<ErrorGroup> Groups() =>
        _groups.Select(g => new ErrorGroup(g.Key.Workflow, g.Key.Type, g.Value.Count, g.Value.LastSeen, g.Value.Sample, g.Value.Runs.Count, g.Value.LastRunId))
            .OrderByDescending(g => g.Count)
            .ThenByDescending(g => g.LastSeen)
            .ThenBy(g => g.Workflow, StringComparer.Ordinal)
            .ThenBy(g => g.ExceptionType, StringComparer.Ordinal)
            .ToList();

    sealed class Accumulator
    {
        public long Count;
        public DateTimeOffset? LastSeen;
        public string? Sample;
        public string? LastRunId;
        public readonly HashSet<string> Runs = new(StringComparer.Ordinal);
    }
}
