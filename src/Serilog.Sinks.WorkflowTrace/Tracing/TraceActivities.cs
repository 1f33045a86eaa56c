using System.Diagnostics;

namespace Serilog.Sinks.WorkflowTrace.Tracing;

/// <summary>
/// The spans of traces and their scopes, from the <see cref="WorkflowTracing.ActivitySourceName"/> source, so
/// OpenTelemetry can listen to them. Without a listener a span is still made (an <see cref="Activity"/> started
/// by hand): the documents' <c>trace_id</c>/<c>span_id</c>/<c>parent_span_id</c> need it either way.
/// </summary>
static class TraceActivities
{
    static readonly ActivitySource Source = new(WorkflowTracing.ActivitySourceName, typeof(TraceActivities).Assembly.GetName().Version?.ToString(3));

    /// <summary>
    /// Starts a span under <see cref="Activity.Current"/> (an ASP.NET Core request, an OpenTelemetry span, an
    /// outer trace or scope), or under <paramref name="remoteParent"/> when one is given.
    /// </summary>
    public static Activity Start(string name, ActivityContext? remoteParent, IEnumerable<KeyValuePair<string, object?>> tags)
    {
        var activity = remoteParent is { } parent
            ? Source.StartActivity(name, ActivityKind.Internal, parent, tags)
            : Source.StartActivity(name, ActivityKind.Internal, default(ActivityContext), tags);
        if (activity is not null)
            return activity;

        activity = new Activity(name);
        activity.SetIdFormat(ActivityIdFormat.W3C);
        if (remoteParent is { } remote)
            activity.SetParentId(remote.TraceId, remote.SpanId, remote.TraceFlags);
        foreach (var (key, value) in tags)
            activity.SetTag(key, value);
        return activity.Start();
    }

    /// <summary>
    /// Starts a scope's span under <see cref="Activity.Current"/> with two tags, as <see cref="Start(string, ActivityContext?, IEnumerable{KeyValuePair{string, object?}})"/>
    /// does; with no listener on the source, without making the list of tags that only a listener reads.
    /// </summary>
    public static Activity Start(string name, string key0, object? value0, string key1, object? value1)
    {
        if (Source.HasListeners())
            return Start(name, null, [new(key0, value0), new(key1, value1)]);

        var activity = new Activity(name);
        activity.SetIdFormat(ActivityIdFormat.W3C);
        activity.SetTag(key0, value0);
        activity.SetTag(key1, value1);
        return activity.Start();
    }

    /// <summary>Reads a W3C trace id and parent span id given as text, when both are valid.</summary>
    public static ActivityContext? Parse(string? traceId, string? spanId)
    {
        if (traceId is not { Length: 32 } || !traceId.All(Uri.IsHexDigit) || traceId.All(c => c == '0'))
            return null;
        var span = spanId is { Length: 16 } && spanId.All(Uri.IsHexDigit) && !spanId.All(c => c == '0')
            ? ActivitySpanId.CreateFromString(spanId.ToLowerInvariant())
            : ActivitySpanId.CreateRandom();
        return new ActivityContext(ActivityTraceId.CreateFromString(traceId.ToLowerInvariant()), span, ActivityTraceFlags.Recorded, isRemote: true);
    }

    /// <summary>Whether the text is a W3C trace id.</summary>
    public static bool IsW3CTraceId(string? traceId) => Parse(traceId, null) is not null;
}
