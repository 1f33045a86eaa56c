using Serilog.Core;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Contract;

namespace Serilog.Sinks.WorkflowTrace.Tracing;

/// <summary>
/// The context of a trace, or of a stage or job inside it: the properties its events carry (run, workflow,
/// stage, job, user, tenant, environment, tags, extras) and the <see cref="AmbientTrace"/> that hands the same
/// properties to events logged by other code inside it. Immutable: a frame keeps the last stage and the last job
/// derived from it, so that a scope opened again with the same name (a stage per batch, a job per loop) reuses its
/// frame — its properties, their capture and its span's name — instead of making them again.
/// </summary>
sealed class TraceFrame
{
    /// <summary>Turns extras' arbitrary values into Serilog property values, destructuring objects.</summary>
    static readonly Logger Converter = new LoggerConfiguration().CreateLogger();

    // The contract fields a stage's and a job's name follow in a frame's properties (see Create).
    static readonly TraceField[] BeforeStage = [TraceField.RunId, TraceField.ParentRunId, TraceField.WorkflowName];
    static readonly TraceField[] BeforeJob = [.. BeforeStage, TraceField.StageName];

    // The last stage and job frames derived from this one (one each, so the cache stays bounded).
    TraceFrame? _lastStage;
    TraceFrame? _lastJob;

    TraceFrame(object owner, string? stageName, string? jobName, LogEventProperty[] properties, (string Name, string? Other)[] spellings)
    {
        Owner = owner;
        StageName = stageName;
        JobName = jobName;
        Properties = properties;
        Ambient = new AmbientTrace(properties.Select((p, i) => (p.Name, spellings[i].Other, p.Value)));
    }

    TraceFrame(TraceFrame parent, string? stageName, string? jobName, LogEventProperty[] properties, int index, bool replace, string? otherSpelling, string spanName)
    {
        Owner = parent.Owner;
        StageName = stageName;
        JobName = jobName;
        Properties = properties;
        SpanName = spanName;
        var added = properties[index];
        Ambient = parent.Ambient.With(index, replace, added.Name, otherSpelling, added.Value);
    }

    /// <summary>
    /// The innermost open trace or scope in the current flow: the owner of the current <see cref="AmbientTrace"/>, so
    /// that entering and leaving a scope sets one async-local, not two.
    /// </summary>
    public static TraceFrame? Current => AmbientTrace.CurrentOwner as TraceFrame;

    /// <summary>
    /// Makes <paramref name="frame"/> current (for this flow and what it starts): returns this entering of it, and in
    /// <paramref name="previous"/> the entry it replaces. A frame may be shared by scopes, its entry is the scope's own.
    /// </summary>
    public static AmbientEntry Enter(TraceFrame frame, out AmbientEntry? previous) => AmbientTrace.Enter(frame.Ambient, frame, out previous);

    /// <summary>Restores <paramref name="previous"/> when <paramref name="entry"/> is still the current one in this flow.</summary>
    public static void Leave(AmbientEntry entry, AmbientEntry? previous)
    {
        if (AmbientTrace.IsCurrent(entry))
            AmbientTrace.Restore(previous);
    }

    /// <summary>The trace the frame belongs to.</summary>
    public object Owner { get; }

    public string? StageName { get; }

    public string? JobName { get; }

    public LogEventProperty[] Properties { get; }

    public AmbientTrace Ambient { get; }

    /// <summary>A stage's or job's span name (<c>stage extract</c>); null for a run's frame.</summary>
    public string? SpanName { get; }

    public static TraceFrame ForRun(object owner, string runId, string? parentRunId, TraceExtras extras, bool idsAsProperties) =>
        Create(owner, runId, parentRunId, extras, extras.StageName, extras.JobName, idsAsProperties);

    // A scope's frame is its parent's with the stage's (or job's) name put in: the same properties, in the same order,
    // as Create would make from the trace's run id and extras (every frame of a trace is made from the same ones),
    // without binding the extras and capturing the parent's properties again.
    // The last one derived for a name is reused: frames are immutable and a child is the same for the same name.
    public TraceFrame WithStage(string stageName) =>
        Volatile.Read(ref _lastStage) is { } last && last.StageName == stageName
            ? last
            : _lastStage = With(TraceField.StageName, stageName, BeforeStage, stageName, JobName, "stage ");

    public TraceFrame WithJob(string jobName) =>
        Volatile.Read(ref _lastJob) is { } last && last.JobName == jobName
            ? last
            : _lastJob = With(TraceField.JobName, jobName, BeforeJob, StageName, jobName, "job ");

    TraceFrame With(TraceField field, string value, TraceField[] before, string? stage, string? job, string spanPrefix)
    {
        // A scope's name is never empty (RunTraceScope refuses a blank one), so it is always a property.
        var row = TraceContract.Of(field);
        // The contract's fields come first, in Create's order: the name goes after those of the fields before it,
        // in place of the parent's own when it has one. A contract field is told from a metadata entry of the same
        // name by its other spelling (a metadata entry has none).
        var index = 0;
        foreach (var earlier in before)
        {
            if (IsField(index, TraceContract.Of(earlier)))
                index++;
        }
        var replace = IsField(index, row);
        var properties = new LogEventProperty[replace ? Properties.Length : Properties.Length + 1];
        Properties.AsSpan(0, index).CopyTo(properties);
        properties[index] = new LogEventProperty(row.PropertyName, new ScalarValue(value));
        Properties.AsSpan(replace ? index + 1 : index).CopyTo(properties.AsSpan(index + 1));
        return new TraceFrame(this, stage, job, properties, index, replace, row.Name, spanPrefix + value);
    }

    bool IsField(int index, ContractField row) =>
        index < Properties.Length && Properties[index].Name == row.PropertyName && Ambient.OtherSpellingAt(index) == row.Name;

    static TraceFrame Create(object owner, string runId, string? parentRunId, TraceExtras extras, string? stage, string? job, bool idsAsProperties)
    {
        var properties = new List<LogEventProperty>();
        var spellings = new List<(string, string?)>();

        // Written in the contract's PascalCase spelling; the snake_case one is named so that an event carrying it
        // keeps its own value (see AmbientTrace).
        void Add(TraceField field, string? value)
        {
            if (string.IsNullOrEmpty(value))
                return;
            var row = TraceContract.Of(field);
            properties.Add(new LogEventProperty(row.PropertyName, new ScalarValue(value)));
            spellings.Add((row.PropertyName, row.Name));
        }

        Add(TraceField.RunId, runId);
        Add(TraceField.ParentRunId, parentRunId);
        Add(TraceField.WorkflowName, extras.WorkflowName);
        Add(TraceField.StageName, stage);
        Add(TraceField.JobName, job);
        Add(TraceField.UserId, extras.UserId);
        Add(TraceField.TenantId, extras.TenantId);
        Add(TraceField.Environment, extras.Environment);
        if (idsAsProperties)
        {
            Add(TraceField.TraceId, extras.TraceId);
            Add(TraceField.SpanId, extras.SpanId);
        }

        if (extras.Tags.Count > 0)
        {
            var tags = TraceContract.Of(TraceField.Tags);
            properties.Add(new LogEventProperty(tags.PropertyName, new SequenceValue(extras.Tags.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => new ScalarValue(t)))));
            spellings.Add((tags.PropertyName, tags.Name));
        }

        foreach (var (name, value) in extras.Metadata)
        {
            if (Converter.BindProperty(name, value, destructureObjects: true, out var property))
            {
                properties.Add(property);
                spellings.Add((name, null));
            }
        }

        return new TraceFrame(owner, stage, job, properties.ToArray(), spellings.ToArray());
    }
}
