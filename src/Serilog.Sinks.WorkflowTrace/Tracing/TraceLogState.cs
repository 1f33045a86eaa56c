using System.Collections;

namespace Serilog.Sinks.WorkflowTrace.Tracing;

/// <summary>The structured state of one trace event for Microsoft.Extensions.Logging; renders as its message.</summary>
sealed class TraceLogState : IReadOnlyList<KeyValuePair<string, object?>>
{
    readonly List<KeyValuePair<string, object?>> _values;
    readonly string _message;

    public TraceLogState(List<KeyValuePair<string, object?>> values, string message)
    {
        _values = values;
        _message = message;
    }

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public int Count => _values.Count;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => _message;
}
