namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// Remembers what was worked out for a property name, keyed by the name's reference: Serilog hands the same
/// string instance for the same property again and again, so a hit costs one pointer hash. Bounded, so names
/// made up at run time cannot grow it without limit (past the bound, values are worked out every time).
/// </summary>
sealed class BoundedCache<TValue>
{
    const int Capacity = 4096;
    readonly Dictionary<string, TValue> _entries = new(ReferenceEqualityComparer.Instance);

    public TValue Get(string key, Func<string, TValue> compute)
    {
        if (_entries.TryGetValue(key, out var value))
            return value;
        value = compute(key);
        if (_entries.Count < Capacity)
            _entries[key] = value;
        return value;
    }
}
