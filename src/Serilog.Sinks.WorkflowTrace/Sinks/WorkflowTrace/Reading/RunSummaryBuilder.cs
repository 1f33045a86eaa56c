namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Sums a run up from its entries, as they stream past: first and last time, entries, errors
/// (<see cref="TraceEntry.IsError"/>), the most frequent workflow name, and the status: failed if any entry is an
/// error; succeeded if some stage or job closed (an entry with <c>duration_ms</c>) and none is an error; else unknown.
/// </summary>
sealed class RunSummaryBuilder(string runId)
{
    readonly Dictionary<string, (int Count, int FirstSeen)> _workflows = new(StringComparer.Ordinal);
    DateTimeOffset? _first;
    DateTimeOffset? _last;
    long _entries;
    long _errors;
    bool _closed;
    string? _parentRunId;
    string? _tenantId;
    string? _environment;
    string? _userId;

    public void Add(TraceEntry entry)
    {
        _entries++;
        if (entry.IsError)
            _errors++;
        if (entry.DurationMs is not null)
            _closed = true;
        if (entry.Datetime is { } time)
        {
            if (_first is null || time < _first)
                _first = time;
            if (_last is null || time > _last)
                _last = time;
        }

        if (entry.WorkflowName is { } workflow)
            _workflows[workflow] = _workflows.TryGetValue(workflow, out var seen) ? (seen.Count + 1, seen.FirstSeen) : (1, _workflows.Count);
        _parentRunId ??= entry.ParentRunId;
        _tenantId ??= entry.TenantId;
        _environment ??= entry.Environment;
        _userId ??= entry.UserId;
    }

    /// <summary>The summary; null when no entry was added.</summary>
    public RunSummary? Build() => _entries == 0
        ? null
        : new RunSummary
        {
            RunId = runId,
            ParentRunId = _parentRunId,
            WorkflowName = _workflows.Count == 0 ? null : _workflows.OrderByDescending(w => w.Value.Count).ThenBy(w => w.Value.FirstSeen).First().Key,
            TenantId = _tenantId,
            Environment = _environment,
            UserId = _userId,
            FirstTime = _first ?? default,
            LastTime = _last ?? default,
            Entries = _entries,
            Errors = _errors,
            Status = RunSummary.StatusOf(_errors, _closed),
        };
}
