using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using static Serilog.Sinks.WorkflowTrace.Tests.Reading.SearchSeeding;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// <see cref="TraceQuery.Errors"/> selects what <see cref="TraceEntry.IsError"/> calls an error — an error level, or
/// the newer Python producer's <c>error_flag</c> — so a search, a count and the tool's <c>errors</c> agree with the
/// entries they return.
/// </summary>
public class ErrorQueryTests : LoopbackServerTest
{
    [Test]
    public async Task AnEntryFlaggedAsAnErrorAtAnotherLevelIsAnError()
    {
        // The newer Python producer's own index maps error_flag; its exception calls may be stored at level info.
        await CreateIndexAsync(Server, "python-traces", """
            {"mappings":{"properties":{"run_id":{"type":"keyword"},"workflow_name":{"type":"keyword"},"level":{"type":"keyword"},
             "datetime":{"type":"date"},"message":{"type":"text"},"error_flag":{"type":"boolean"}}}}
            """);
        await BulkAsync(Server,
        [
            Entry("p1", Day, message: "flagged", extra: new JsonObject { ["error_flag"] = true }),
            Entry("p1", Day.AddSeconds(1), "error", "by level"),
            Entry("p1", Day.AddSeconds(2), message: "fine", extra: new JsonObject { ["error_flag"] = false }),
        ], "python-traces");
        using var reader = Reader(Server, index: "python-traces");

        var found = new List<TraceEntry>();
        await foreach (var entry in reader.SearchAsync(TraceQuery.All.Errors()))
            found.Add(entry);
        var counted = await reader.CountAsync(TraceQuery.All.Errors());

        Assert.That(found.Select(e => e.Message), Is.EqualTo(new[] { "flagged", "by level" }));
        Assert.That(found.All(e => e.IsError), Is.True);
        Assert.That(counted, Is.EqualTo(2));
    }

    [Test]
    public void TheErrorLevelsListAndTheEntriesTestAgree()
    {
        foreach (var level in new[] { "trace", "debug", "info", "warning", "error", "critical", "exception", "fatal", "" })
            Assert.That(new TraceEntry { Id = "x", Level = level }.IsError, Is.EqualTo(TraceQuery.ErrorLevels.Contains(level)), level);
    }
}
