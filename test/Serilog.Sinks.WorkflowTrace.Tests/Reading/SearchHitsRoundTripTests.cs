using System.Net.Http.Headers;
using System.Text;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// Issue 15 point 2 end to end: documents written through the sink into the loopback Elasticsearch, searched back over
/// HTTP, and the answer's bytes read by <see cref="SearchHitsReader"/> into entries that hold every stored field.
/// </summary>
public class SearchHitsRoundTripTests : LoopbackServerTest
{
    [Test]
    public async Task DocumentsWrittenThroughTheSinkAreReadBackFromASearchAnswerWithEveryField()
    {
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), runId: "run-roundtrip-0001", workflowName: "etl")
                   .CreateLogger())
        {
            logger.ForContext("StageName", "extract").ForContext("DurationMs", 12.5).Information("Read {Rows} rows", 42);
            logger.ForContext("Tags", new[] { "nightly" }).Warning("Slow stage {Stage}", "load");
            logger.Error(new InvalidOperationException("boom"), "Stage failed");
        }

        using var client = new HttpClient();
        using var body = new StringContent("{\"size\":100,\"query\":{\"match_all\":{}}}", Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var answer = await client.PostAsync(new Uri(Server.Url, "workflow-traces/_search"), body);
        Assert.That(answer.IsSuccessStatusCode, Is.True, await answer.Content.ReadAsStringAsync());

        var malformed = new List<MalformedTraceDocument>();
        var page = SearchHitsReader.Read(await answer.Content.ReadAsByteArrayAsync(), malformed.Add);

        Assert.That(malformed, Is.Empty);
        Assert.That(page.Total, Is.EqualTo(3));
        Assert.That(page.Entries.Select(e => e.Id), Is.EquivalentTo(Server.Documents.Select(d => d.Id)));
        foreach (var stored in Server.Documents)
        {
            var entry = page.Entries.Single(e => e.Id == stored.Id);
            Assert.That(entry.Index, Is.EqualTo(stored.Index));
            EntryExpectations.AssertHolds(entry, stored.Source);
        }
        Assert.That(page.Entries.Select(e => e.Level), Is.EquivalentTo(new[] { "info", "warning", "error" }));
        Assert.That(page.Entries.Single(e => e.Level == "error").StackTrace, Does.Contain("boom"));
    }
}
