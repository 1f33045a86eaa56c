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
}
