namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// The names already written into one JSON object. Elasticsearch rejects a document with a duplicate key, and
/// sanitizing can make two names equal (<c>a.b</c> and <c>a_b</c>; the dictionary keys <c>1</c> and <c>"1"</c>),
/// so a repeated name gets a numeric suffix.
/// </summary>
sealed class UniqueNameSet
{
    readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public void Clear() => _names.Clear();

    public void Reserve(string name) => _names.Add(name);

    public string Claim(string name)
    {
        if (_names.Add(name))
            return name;

        for (var suffix = 2; ; suffix++)
        {
            var candidate = $"{name}_{suffix}";
            if (_names.Add(candidate))
                return candidate;
        }
    }
}
