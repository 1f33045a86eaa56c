using System.Diagnostics;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Mapping;

/// <summary>Contract rows: trace_id, span_id, parent_span_id.</summary>
public class TracingFieldTests
{
    const string SourceName = "WorkflowTrace.Tests.Tracing";
    static readonly ActivitySource Source = new(SourceName);
    ActivityListener _listener = null!;

    [SetUp]
    public void ListenToActivities()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [TearDown]
    public void StopListening() => _listener.Dispose();

    [Test]
    public void TraceAndSpanIdsComeFromTheCurrentActivity()
    {
        using var probe = DocumentProbe.Create();
        string traceId, spanId;
        using (var activity = Source.StartActivity("job")!)
        {
            traceId = activity.TraceId.ToHexString();
            spanId = activity.SpanId.ToHexString();
            probe.Logger.Information("inside");
        }

        var doc = probe.Single();
        Assert.That(doc.GetProperty("trace_id").GetString(), Is.EqualTo(traceId));
        Assert.That(doc.GetProperty("span_id").GetString(), Is.EqualTo(spanId));
    }

    [Test]
    public void ParentSpanIdIsCapturedFromTheActivityCurrentAtTheLoggingCall()
    {
        using var probe = DocumentProbe.Create();
        string parentSpanId;
        using (var parent = Source.StartActivity("stage")!)
        {
            parentSpanId = parent.SpanId.ToHexString();
            using (Source.StartActivity("job"))
                probe.Logger.Information("inside the child");
        }

        // The activities have ended before the document is built: only capture at the call can know the parent.
        Assert.That(probe.Single().GetProperty("parent_span_id").GetString(), Is.EqualTo(parentSpanId));
    }

    [Test]
    public void ParentSpanIdIsOmittedForARootActivity()
    {
        using var probe = DocumentProbe.Create();
        using (Source.StartActivity("root"))
            probe.Logger.Information("inside the root");
        Assert.That(probe.Single().TryGetProperty("parent_span_id", out _), Is.False);
    }

    [Test]
    public void WithoutAnActivityTheIdsComeFromProperties()
    {
        var doc = DocumentProbe.DocumentFor(log => log
            .ForContext("TraceId", "trace-123")
            .ForContext("span_id", "span-456")
            .ForContext("ParentSpanId", "parent-span-789")
            .Information("x"));
        Assert.That(doc.GetProperty("trace_id").GetString(), Is.EqualTo("trace-123"));
        Assert.That(doc.GetProperty("span_id").GetString(), Is.EqualTo("span-456"));
        Assert.That(doc.GetProperty("parent_span_id").GetString(), Is.EqualTo("parent-span-789"));
    }

    [Test]
    public void WithoutActivityOrPropertyTheIdsComeFromTheOptions()
    {
        var doc = DocumentProbe.DocumentFor(log => log.Information("x"), b => b.Context = new() { TraceId = "trace-o", SpanId = "span-o" });
        Assert.That(doc.GetProperty("trace_id").GetString(), Is.EqualTo("trace-o"));
        Assert.That(doc.GetProperty("span_id").GetString(), Is.EqualTo("span-o"));
    }

    [Test]
    public void AParentSpanIdPropertyWinsOverTheActivity()
    {
        using var probe = DocumentProbe.Create();
        using (Source.StartActivity("stage"))
        using (Source.StartActivity("job"))
            probe.Logger.ForContext("ParentSpanId", "explicit").Information("x");
        Assert.That(probe.Single().GetProperty("parent_span_id").GetString(), Is.EqualTo("explicit"));
    }
}
