using Serilog.Core;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Contract;

namespace Serilog.Sinks.WorkflowTrace.Tracing;

/// <summary>
/// The context of a trace, or of a stage or job inside it: the properties its events carry (run, workflow,
/// stage, job, user, tenant, environment, tags, extras) and the <see cref="AmbientTrace"/> that hands the same
/// properties to events logged by other code inside it. Immutable.
/// </summary>
sealed class TraceFrame
{
    static readonly AsyncLocal<TraceFrame?> s_current = new();

    /// <summary>Turns extras' arbitrary values into Serilog property values, destructuring objects.</summary>
    static readonly Logger Converter = new LoggerConfiguration().CreateLogger();

    TraceFrame(object owner, string? stageName, string? jobName, LogEventProperty[] properties, (string Name, string? Other)[] spellings)
    {
        Owner = owner;
        StageName = stageName;
        JobName = jobName;
        Properties = properties;
        Ambient = new AmbientTrace(properties.Select((p, i) => (p.Name, spellings[i].Other, p.Value)));
    }

    /// <summary>The innermost open trace or scope in the current flow.</summary>
    public static TraceFrame? Current => s_current.Value;

    /// <summary>Makes <paramref name="frame"/> current (for this flow and what it starts) and returns the one it replaces.</summary>
    public static TraceFrame? Enter(TraceFrame frame)
    {
        var previous = s_current.Value;
        s_current.Value = frame;
        AmbientTrace.Enter(frame.Ambient);
        return previous;
    }

    public static void Restore(TraceFrame? previous)
    {
        s_current.Value = previous;
        AmbientTrace.Restore(previous?.Ambient);
    }

    /// <summary>The trace the frame belongs to.</summary>
    public object Owner { get; }

    public string? StageName { get; }

    public string? JobName { get; }

    public LogEventProperty[] Properties { get; }

    public AmbientTrace Ambient { get; }

    public static TraceFrame ForRun(object owner, string runId, string? parentRunId, TraceExtras extras, bool idsAsProperties) =>
        Create(owner, runId, parentRunId, extras, extras.StageName, extras.JobName, idsAsProperties);

    public TraceFrame WithStage(string stageName, string runId, string? parentRunId, TraceExtras extras, bool idsAsProperties) =>
        Create(Owner, runId, parentRunId, extras, stageName, JobName, idsAsProperties);

    public TraceFrame WithJob(string jobName, string runId, string? parentRunId, TraceExtras extras, bool idsAsProperties) =>
        Create(Owner, runId, parentRunId, extras, StageName, jobName, idsAsProperties);

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
