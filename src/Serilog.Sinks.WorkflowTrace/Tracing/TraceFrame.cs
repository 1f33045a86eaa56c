using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Capture;

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

        void Add(string name, string? snake, string? value)
        {
            if (string.IsNullOrEmpty(value))
                return;
            properties.Add(new LogEventProperty(name, new ScalarValue(value)));
            spellings.Add((name, snake));
        }

        Add("RunId", "run_id", runId);
        Add("ParentRunId", "parent_run_id", parentRunId);
        Add("WorkflowName", "workflow_name", extras.WorkflowName);
        Add("StageName", "stage_name", stage);
        Add("JobName", "job_name", job);
        Add("UserId", "user_id", extras.UserId);
        Add("TenantId", "tenant_id", extras.TenantId);
        Add("Environment", "environment", extras.Environment);
        if (idsAsProperties)
        {
            Add("TraceId", "trace_id", extras.TraceId);
            Add("SpanId", "span_id", extras.SpanId);
        }

        if (extras.Tags.Count > 0)
        {
            properties.Add(new LogEventProperty("Tags", new SequenceValue(extras.Tags.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => new ScalarValue(t)))));
            spellings.Add(("Tags", "tags"));
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

    /// <summary>cut_id as the sink writes it, for the trace's own use.</summary>
    public static string CutId(string runId, string? parentRunId)
    {
        static string Cut(string id) => id.Length <= 8 ? id : id[^8..];
        return parentRunId is null ? Cut(runId) : string.Create(CultureInfo.InvariantCulture, $"{Cut(parentRunId)} -> {Cut(runId)}");
    }
}
