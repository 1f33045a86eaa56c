using Serilog.Context;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Capture;

/// <summary>How an event is kept while it waits: compact, sharing what repeats, and complete when rebuilt.</summary>
public class CapturedEventTests
{
    [Test]
    public void EventsOfOneContextLoggerShareTheirContextPropertiesAndOwnTheirTemplateHoles()
    {
        using var probe = DocumentProbe.Create();
        var context = probe.Logger.ForContext("RunId", "run-1").ForContext("WorkflowName", "wf");
        context.Information("Processing {RecordCount} records", 1);
        context.Information("Processing {RecordCount} records", 2);

        var (first, second) = (probe.Captured[0], probe.Captured[1]);
        Assert.That(second.Shared, Is.SameAs(first.Shared), "one copy of the context for the whole backlog");
        Assert.That(first.Shared.Select(p => p.Name), Is.EquivalentTo(new[] { "RunId", "WorkflowName" }));
        Assert.That(first.Own.ToArray().Select(p => (p.Name, p.Scalar)), Is.EqualTo(new[] { ("RecordCount", (object?)1) }));
        Assert.That(second.Own.ToArray().Select(p => p.Scalar), Is.EqualTo(new object[] { 2 }));
    }

    [Test]
    public void AChangedContextIsNotShared()
    {
        using var probe = DocumentProbe.Create();
        using (LogContext.PushProperty("StageName", "extract"))
            probe.Logger.Information("one");
        using (LogContext.PushProperty("StageName", "load"))
            probe.Logger.Information("two");

        var (first, second) = (probe.Captured[0], probe.Captured[1]);
        Assert.That(second.Shared, Is.Not.SameAs(first.Shared));
        Assert.That(first.Shared.Single().Scalar, Is.EqualTo("extract"));
        Assert.That(second.Shared.Single().Scalar, Is.EqualTo("load"));
        Assert.That(probe.Documents().Select(d => d.GetProperty("stage_name").GetString()), Is.EqualTo(new[] { "extract", "load" }));
    }

    [Test]
    public void TheApplicationsEventIsRebuiltWithEveryProperty()
    {
        using var probe = DocumentProbe.Create();
        probe.Logger.ForContext("RunId", "run-1").ForContext("Order", new { Id = 7 }, destructureObjects: true)
            .Warning(new InvalidOperationException("boom"), "Order {OrderId} failed", 42);

        var rebuilt = probe.Captured.Single().ToLogEvent();
        Assert.That(rebuilt.MessageTemplate.Text, Is.EqualTo("Order {OrderId} failed"));
        Assert.That(rebuilt.Level, Is.EqualTo(Serilog.Events.LogEventLevel.Warning));
        Assert.That(rebuilt.Exception?.Message, Is.EqualTo("boom"));
        Assert.That(rebuilt.Properties.Keys, Is.EquivalentTo(new[] { "RunId", "Order", "OrderId" }));
        Assert.That(rebuilt.RenderMessage(), Is.EqualTo("Order 42 failed"));
        Assert.That(rebuilt.Properties["Order"].ToString(), Does.Contain("Id: 7"));
    }
    [Test]
    public void TheSharedContextIsRecognisedWhateverTheTemplateAndAChangeAnywhereInItIsSeen()
    {
        using var probe = DocumentProbe.Create();
        var context = probe.Logger.ForContext("RunId", "run-1").ForContext("JobName", "job").ForContext("Attempt", 1);
        context.Information("Processing {RecordCount} records for {Customer}", 1, "acme");
        context.Information("Processing {RecordCount} records for {Customer}", 2, "globex");
        context.Information("No holes at all");
        context.Information("Three {A} {B} {C}", 1, 2, 3);
        context.ForContext("Attempt", 2).Information("Processing {RecordCount} records for {Customer}", 3, "acme");
        context.ForContext("Extra", true).Information("Processing {RecordCount} records for {Customer}", 4, "acme");
        context.Information("Processing {RecordCount} records for {Customer}", 5, "acme");

        var captured = probe.Captured;
        Assert.That(captured, Has.Count.EqualTo(7));
        Assert.That(captured.Take(4).Select(c => c.Shared).Distinct().Count(), Is.EqualTo(1), "one context, one shared array, whatever the template");
        Assert.That(captured[0].Shared.Select(p => (p.Name, p.Scalar)), Is.EquivalentTo(new[] { ("RunId", (object?)"run-1"), ("JobName", "job"), ("Attempt", 1) }));
        Assert.That(captured.Select(c => c.Own.ToArray().Select(p => $"{p.Name}={p.Scalar}")), Is.EqualTo(new[]
        {
            new[] { "RecordCount=1", "Customer=acme" },
            new[] { "RecordCount=2", "Customer=globex" },
            [],
            new[] { "A=1", "B=2", "C=3" },
            new[] { "RecordCount=3", "Customer=acme" },
            new[] { "RecordCount=4", "Customer=acme" },
            new[] { "RecordCount=5", "Customer=acme" },
        }));

        // A changed value, then an added property: each a context of its own, with what it holds.
        Assert.That(captured[4].Shared, Is.Not.SameAs(captured[0].Shared));
        Assert.That(captured[4].Shared.Single(p => p.Name == "Attempt").Scalar, Is.EqualTo(2));
        Assert.That(captured[5].Shared, Is.Not.SameAs(captured[4].Shared));
        Assert.That(captured[5].Shared.Select(p => p.Name), Is.EquivalentTo(new[] { "RunId", "JobName", "Attempt", "Extra" }));
        // Back to the first context: its values again (equal to, though no longer the same array as, the first's).
        Assert.That(captured[6].Shared.Select(p => (p.Name, p.Scalar)), Is.EquivalentTo(captured[0].Shared.Select(p => (p.Name, p.Scalar))));
        Assert.That(probe.Documents().Select(d => d.GetProperty("message").GetString()), Is.EqualTo(new[]
        {
            "Processing 1 records for acme", "Processing 2 records for globex", "No holes at all", "Three 1 2 3",
            "Processing 3 records for acme", "Processing 4 records for acme", "Processing 5 records for acme",
        }));
    }

    [Test]
    public void AHoleNamedLikeAContextPropertyIsTheEventsOwn()
    {
        using var probe = DocumentProbe.Create();
        var context = probe.Logger.ForContext("RunId", "run-1").ForContext("Customer", "from-context");
        context.Information("For {Customer}", "acme");
        context.Information("For {Customer}", "globex");
        context.Information("Plain");

        var captured = probe.Captured;
        Assert.That(captured[0].Own.ToArray().Select(p => (p.Name, p.Scalar)), Is.EqualTo(new[] { ("Customer", (object?)"acme") }));
        Assert.That(captured[1].Own.ToArray().Select(p => (p.Name, p.Scalar)), Is.EqualTo(new[] { ("Customer", (object?)"globex") }));
        Assert.That(captured[0].Shared.Select(p => p.Name), Is.EqualTo(new[] { "RunId" }));
        Assert.That(captured[1].Shared, Is.SameAs(captured[0].Shared));
        Assert.That(captured[2].Own.Length, Is.Zero);
        Assert.That(captured[2].Shared.Select(p => (p.Name, p.Scalar)), Is.EquivalentTo(new[] { ("RunId", (object?)"run-1"), ("Customer", "from-context") }));
    }

    [Test]
    public void AnUnboundHoleLeavesEveryPropertyWhereItBelongs()
    {
        using var probe = DocumentProbe.Create();
        var context = probe.Logger.ForContext("RunId", "run-1");
        context.Information("Processing {RecordCount} records for {Customer}", 1, "acme");
#pragma warning disable Serilog004 // the missing value is the point of the test
        context.Information("Processing {RecordCount} records for {Customer}", 2);
#pragma warning restore Serilog004

        var captured = probe.Captured;
        Assert.That(captured[1].Own.ToArray().Select(p => (p.Name, p.Scalar)), Is.EqualTo(new[] { ("RecordCount", (object?)2) }));
        Assert.That(captured[1].Shared, Is.SameAs(captured[0].Shared));
        Assert.That(captured[1].Shared.Select(p => p.Name), Is.EqualTo(new[] { "RunId" }));
    }

    [Test]
    public void CapturingEventsOfAlternatingTemplatesAllocatesNothing()
    {
        var events = new ListSink();
        using (var logger = new LoggerConfiguration().WriteTo.Sink(events).CreateLogger())
        {
            var context = logger.ForContext("RunId", "run-1").ForContext("JobName", "job");
            context.Information("Processing {RecordCount} records for {Customer}", 1, "acme");
            context.Information("Loaded {Rows} rows", 2);
        }
        var (first, second) = (events.Events[0], events.Events[1]);

        // Warm up (thread-local buffers, the shared array), then alternate the two templates.
        for (var i = 0; i < 10; i++)
        {
            CaptureRecord.Capture(first, 1, default, i, out _);
            CaptureRecord.Capture(second, 1, default, i, out _);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            CaptureRecord.Capture(first, 1, default, i, out _);
            CaptureRecord.Capture(second, 1, default, i, out _);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero, "a template change on the logging thread costs a walk of its tokens, not an allocation");
        CaptureRecord.Capture(second, 1, default, 0, out var record);
        Assert.That(record.OwnCount, Is.EqualTo(1));
        Assert.That(record.Own0.Name, Is.EqualTo("Rows"));
    }

    [Test]
    public void ATemplateWithManyHolesOwnsThemAll()
    {
        using var probe = DocumentProbe.Create();
        var context = probe.Logger.ForContext("RunId", "run-1");
        context.Information("{A} {B} {C} {D} {E} {F} {G} {H} {I} {J} {A}", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        context.Information("{K}", 11);

        Assert.That(probe.Captured[0].Own.ToArray().Select(p => p.Name), Is.EqualTo("ABCDEFGHIJ".Select(c => c.ToString())));
        Assert.That(probe.Captured[0].Shared.Select(p => p.Name), Is.EqualTo(new[] { "RunId" }));
        Assert.That(probe.Captured[1].Own.ToArray().Select(p => (p.Name, p.Scalar)), Is.EqualTo(new[] { ("K", (object?)11) }));
        Assert.That(probe.Captured[1].Shared, Is.SameAs(probe.Captured[0].Shared));
    }
}
