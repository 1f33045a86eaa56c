using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Capture;

/// <summary>
/// The workflow context (run, workflow, stage, job, user, tenant, tags, extras) that a trace and its open scopes
/// set for the code running inside them, across awaits and child tasks. The sink adds it, on the logging thread,
/// to every event that does not carry those properties itself — also events logged by code that knows nothing of
/// the trace, with no <c>Enrich.FromLogContext()</c> needed. Immutable, and shared by every scope with the same
/// context (a stage opened again with the same name): each scope enters it through an <see cref="AmbientEntry"/> of
/// its own, and restores the entry before.
/// </summary>
sealed class AmbientTrace
{
    static readonly AsyncLocal<AmbientEntry?> s_current = new();

    /// <summary>Set once any trace exists: until then the logging path does not even read the async-local.</summary>
    static volatile bool s_used;

    readonly (string Name, string? OtherSpelling, CapturedProperty Property)[] _properties;
    readonly CapturedProperty[] _all;
    // One reference, so that threads logging in the same scope never see half of another's update.
    Tuple<CapturedProperty[], CapturedProperty[]>? _lastMerge;

    /// <param name="properties">The context's properties, each with the other spelling of its name that an event may carry instead.</param>
    public AmbientTrace(IEnumerable<(string Name, string? OtherSpelling, LogEventPropertyValue Value)> properties)
        : this(properties.Select(p => (p.Name, p.OtherSpelling, CapturedProperty.From(p.Name, p.Value))).ToArray())
    {
    }

    AmbientTrace((string Name, string? OtherSpelling, CapturedProperty Property)[] properties)
    {
        _properties = properties;
        _all = new CapturedProperty[properties.Length];
        for (var i = 0; i < properties.Length; i++)
            _all[i] = properties[i].Property;
    }

    /// <summary>The other spelling of the name of property <paramref name="index"/>, if it has one.</summary>
    public string? OtherSpellingAt(int index) => _properties[index].OtherSpelling;

    /// <summary>
    /// This context with one property put at <paramref name="index"/>, replacing the one there when
    /// <paramref name="replace"/>, else inserted before it: a stage or job inside its parent's context, without
    /// capturing the parent's properties again.
    /// </summary>
    public AmbientTrace With(int index, bool replace, string name, string? otherSpelling, LogEventPropertyValue value)
    {
        var properties = new (string, string?, CapturedProperty)[replace ? _properties.Length : _properties.Length + 1];
        _properties.AsSpan(0, index).CopyTo(properties);
        properties[index] = (name, otherSpelling, CapturedProperty.From(name, value));
        var rest = replace ? index + 1 : index;
        _properties.AsSpan(rest).CopyTo(properties.AsSpan(index + 1));
        return new AmbientTrace(properties);
    }

    bool NamesAnyOf(IReadOnlyDictionary<string, LogEventPropertyValue> eventProperties)
    {
        if (eventProperties.Count == 0)
            return false;
        foreach (var (name, other, _) in _properties)
        {
            if (eventProperties.ContainsKey(name) || (other is not null && eventProperties.ContainsKey(other)))
                return true;
        }
        return false;
    }

    public static AmbientTrace? Current => s_used ? s_current.Value?.Trace : null;

    /// <summary>
    /// Makes <paramref name="trace"/> current, entered by <paramref name="owner"/>, and returns the new entry (to tell
    /// later whether it is still the current one); <paramref name="previous"/> is the entry it replaces, to be restored.
    /// </summary>
    public static AmbientEntry Enter(AmbientTrace trace, object owner, out AmbientEntry? previous)
    {
        s_used = true;
        previous = s_current.Value;
        var entry = new AmbientEntry(trace, owner);
        s_current.Value = entry;
        return entry;
    }

    /// <summary>Whether <paramref name="entry"/> is the current entry of this flow.</summary>
    public static bool IsCurrent(AmbientEntry entry) => ReferenceEquals(s_current.Value, entry);

    public static void Restore(AmbientEntry? previous) => s_current.Value = previous;

    /// <summary>The owner of the current entry: one async-local serves both the sink and the trace API.</summary>
    public static object? CurrentOwner => s_used ? s_current.Value?.Owner : null;

    /// <summary>
    /// The shared properties of an event with the ambient ones it lacks appended. Events of one context logger
    /// inside one scope get the same array, as they do without a trace — unless an event's own properties (its
    /// template's holes, in <paramref name="record"/>) name an ambient one: that event's merge leaves the ambient
    /// one out for it alone, and is neither taken from nor kept for the logger's other events.
    /// </summary>
    public CapturedProperty[] MergeInto(CapturedProperty[] shared, IReadOnlyDictionary<string, LogEventPropertyValue> eventProperties, in CaptureRecord record)
    {
        var reusable = !OwnNamesAny(in record);
        if (reusable && Volatile.Read(ref _lastMerge) is { } last && ReferenceEquals(last.Item1, shared) && shared.Length > 0)
            return last.Item2;

        // An event with no context properties of its own that names none of the ambient ones: all of them, as is.
        if (shared.Length == 0 && !NamesAnyOf(eventProperties))
            return _all;

        List<CapturedProperty>? merged = null;
        foreach (var (name, other, property) in _properties)
        {
            if (!eventProperties.ContainsKey(name) && (other is null || !eventProperties.ContainsKey(other)))
            {
                if (merged is null)
                {
                    merged = new List<CapturedProperty>(shared.Length + _properties.Length);
                    merged.AddRange(shared);
                }
                merged.Add(property);
            }
        }

        // An event that carries every ambient property itself (a trace's own events do) keeps its shared array as
        // it is: the same content as a copy, without the copy.
        var output = merged?.ToArray() ?? shared;
        if (reusable)
            Volatile.Write(ref _lastMerge, Tuple.Create(shared, output));
        return output;
    }

    bool OwnNamesAny(in CaptureRecord record)
    {
        if (record.OwnOverflow is { } overflow)
        {
            foreach (var property in overflow)
            {
                if (Names(property.Name))
                    return true;
            }
            return false;
        }
        return record.OwnCount > 0 && Names(record.Own0.Name) || record.OwnCount > 1 && Names(record.Own1.Name);
    }

    bool Names(string propertyName)
    {
        foreach (var (name, other, _) in _properties)
        {
            if (name == propertyName || other == propertyName)
                return true;
        }
        return false;
    }
}
