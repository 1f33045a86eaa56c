using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Capture;

/// <summary>
/// An open run's, stage's or job's context merged into the events logged inside it: an event's own property of
/// the same name wins for that event alone, whatever the events of the same context logger did before or after.
/// </summary>
public class AmbientContextMergeTests
{
    static string? Text(JsonElement document, string field) => document.TryGetProperty(field, out var value) ? value.ToString() : null;

    static JsonElement WithMessage(IEnumerable<JsonElement> documents, string message) =>
        documents.Single(d => Text(d, "message") == message);

    static bool InMetadata(JsonElement document, string name) => document.GetProperty("metadata").TryGetProperty(name, out _);

    [Test]
    public void AnEventNamingTheStageItselfDoesNotTakeTheStageFromTheLoggersLaterEvents()
    {
        using var probe = DocumentProbe.Create();
        var importer = probe.Logger.ForContext("Component", "importer");
        using (var trace = WorkflowTracing.GetTrace(probe.Logger, "run-1", extras: new TraceExtras { UserId = "user-1" }))
        using (var stage = trace.Stage("extract"))
        {
            importer.Information("Handing over to {StageName} for {UserId}", "load", "user-2");
            importer.Information("Still extracting");
            importer.Information("Still extracting {Rows}", 3);
            stage.Complete();
        }

        var documents = probe.Documents();
        var own = WithMessage(documents, "Handing over to load for user-2");
        Assert.That((Text(own, "stage_name"), Text(own, "user_id")), Is.EqualTo(("load", "user-2")), "the event's own properties win");
        foreach (var later in new[] { WithMessage(documents, "Still extracting"), WithMessage(documents, "Still extracting 3") })
        {
            Assert.That(Text(later, "stage_name"), Is.EqualTo("extract"), Text(later, "message"));
            Assert.That(Text(later, "user_id"), Is.EqualTo("user-1"), Text(later, "message"));
            Assert.That(Text(later, "run_id"), Is.EqualTo("run-1"), Text(later, "message"));
        }
    }

    [Test]
    public void AnEventNamingTheStageItselfAfterTheLoggersOtherEventsGetsItsOwnAlone()
    {
        using var probe = DocumentProbe.Create();
        var importer = probe.Logger.ForContext("Component", "importer");
        using (var trace = WorkflowTracing.GetTrace(probe.Logger, "run-1"))
        using (var stage = trace.Stage("extract"))
        {
            importer.Information("Extracting");
            importer.Information("Handing over to {StageName}, run {RunId}", "load", "run-2");
            stage.Complete();
        }

        var captured = probe.Captured.Single(e => e.Template.Text.StartsWith("Handing over", StringComparison.Ordinal));
        Assert.That(captured.Shared.Select(p => p.Name), Has.None.EqualTo("StageName").And.None.EqualTo("RunId"), "the scope's values are not added beside the event's own");
        var rebuilt = captured.ToLogEvent();
        Assert.That((rebuilt.Properties["StageName"].ToString(), rebuilt.Properties["RunId"].ToString()), Is.EqualTo(("\"load\"", "\"run-2\"")),
            "the event as failure listeners see it");

        var document = WithMessage(probe.Documents(), "Handing over to load, run run-2");
        Assert.That((Text(document, "stage_name"), Text(document, "run_id")), Is.EqualTo(("load", "run-2")));
        Assert.That(InMetadata(document, "StageName") || InMetadata(document, "RunId"), Is.False, "nothing repeated under metadata");
    }

    [Test]
    public void EventsOfAContextLoggerWithoutOwnContextPropertiesShareOneMergedContext()
    {
        using var probe = DocumentProbe.Create();
        var importer = probe.Logger.ForContext("Component", "importer");
        using (var trace = WorkflowTracing.GetTrace(probe.Logger, "run-1"))
        using (var stage = trace.Stage("extract"))
        {
            importer.Information("one {N}", 1);
            importer.Information("Handing over to {StageName}", "load");
            importer.Information("two {N}", 2);
            stage.Complete();
        }

        var plain = probe.Captured.Where(e => e.Template.Text.StartsWith("one", StringComparison.Ordinal) || e.Template.Text.StartsWith("two", StringComparison.Ordinal)).ToList();
        Assert.That(plain[1].Shared, Is.SameAs(plain[0].Shared), "one merged copy for the logger's plain events");
        Assert.That(plain[0].Shared.Select(p => p.Name), Is.SupersetOf(new[] { "Component", "RunId", "StageName" }));
    }
}
