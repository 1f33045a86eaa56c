using System.Globalization;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Delivery;

/// <summary>The whole sink against a loopback server that answers like Elasticsearch.</summary>
public class EndToEndDeliveryTests : LoopbackServerTest
{

    [Test]
    public void EventsBecomeDocumentsSentAsNdjsonWithTheRightContentType()
    {
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: Server.Url.ToString()).CreateLogger())
        {
            logger.Information("one");
            logger.Warning("two");
            logger.Error("three");
        }

        Assert.That(Server.Documents.Select(d => d.Source.GetProperty("message").GetString()), Is.EquivalentTo(new[] { "one", "two", "three" }));
        Assert.That(Server.Documents.All(d => d.Index == "workflow-traces"), Is.True);
        var bulk = BulkRequests.Of(Server);
        Assert.That(bulk, Is.Not.Empty);
        Assert.That(bulk.All(r => r.Method == "POST" && r.Headers["Content-Type"].StartsWith("application/x-ndjson", StringComparison.Ordinal)), Is.True);
        Assert.That(bulk.All(r => r.BodyText.EndsWith('\n')), Is.True);
    }

    [Test]
    public void CreatedAtIsTakenFromTheClockWhenTheBatchIsBuilt()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: Server.Url.ToString()).CreateLogger())
            logger.Information("x");
        var after = DateTimeOffset.UtcNow.AddSeconds(1);
        var createdAt = DateTimeOffset.Parse(Server.Documents.Single().Source.GetProperty("created_at").GetString()!, CultureInfo.InvariantCulture);
        Assert.That(createdAt, Is.InRange(before, after));
    }

    [Test]
    public void TheThreadIsTheLoggingThreadAlthoughDocumentsAreBuiltInTheBackground()
    {
        var threadIds = new List<int>();
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: Server.Url.ToString()).CreateLogger())
        {
            var threads = Enumerable.Range(0, 3).Select(i => new Thread(() =>
            {
                lock (threadIds) threadIds.Add(Environment.CurrentManagedThreadId);
                logger.ForContext("Index", i).Information("from thread {Index}", i);
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }

        var documentThreads = Server.Documents.Select(d => (int)d.Source.GetProperty("thread").GetInt64()).ToList();
        Assert.That(documentThreads, Is.EquivalentTo(threadIds));
    }

    [Test]
    public void OtherSinksOfTheSameLoggerSeeNoPropertyThisSinkAdds()
    {
        var other = new ListSink();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: Server.Url.ToString())
                   .WriteTo.Sink(other)
                   .CreateLogger())
        {
            logger.ForContext("RunId", "r-1").Information("Hello {Name}", "world");
        }

        var seen = other.Events.Single();
        Assert.That(seen.Properties.Keys, Is.EquivalentTo(new[] { "RunId", "Name" }));
        Assert.That(seen.MessageTemplate.Text, Is.EqualTo("Hello {Name}"), "the application's own event");
        Assert.That(Server.DocumentCount, Is.EqualTo(1));
    }

    [Test]
    public async Task ABatchRebuiltForALaterAttemptReusesItsDocumentIds()
    {
        // No retries within the attempt: the failed batch goes back to Serilog's batching, which hands it to the
        // sink again after one interval; the documents are built anew and must carry the same ids.
        Server.Faults.FailWithStatus(503);
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), maxRetries: 0, flushInterval: TimeSpan.FromMilliseconds(200))
                   .CreateLogger())
        {
            logger.Information("event {I}", 0);
            await Server.WaitForDocumentsAsync(1, Patience);
        }

        var bulk = BulkRequests.Of(Server);
        Assert.That(bulk, Has.Count.EqualTo(2));
        Assert.That(BulkRequests.Ids(bulk[1]), Is.EqualTo(BulkRequests.Ids(bulk[0])));
        Assert.That(Server.Documents.Single().Id, Is.EqualTo(BulkRequests.Ids(bulk[0]).Single()));
    }

    [Test]
    public async Task ARetryWithinTheAttemptSendsTheSameBodyAndNothingArrivesTwice()
    {
        Server.Faults.FailWithStatus(503, times: 2);
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), maxRetries: 3).CreateLogger())
        {
            logger.Information("only event");
            await Server.WaitForDocumentsAsync(1, Patience);
        }

        var bulk = BulkRequests.Of(Server);
        Assert.That(bulk, Has.Count.EqualTo(3));
        Assert.That(bulk.Select(r => r.BodyText).Distinct().Count(), Is.EqualTo(1));
        Assert.That(Server.DocumentCount, Is.EqualTo(1));
    }

    [Test]
    public async Task ADocumentThatArrivedBeforeADroppedAnswerIsNotWrittenTwice()
    {
        using var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), maxRetries: 0).CreateLogger();
        logger.Information("first");
        await Server.WaitForDocumentsAsync(1, Patience);

        // Replay the exact body: Elasticsearch answers 409 for our own ids, and the sink counts that as delivered.
        var body = BulkRequests.Of(Server).Single().Body;
        using var client = new HttpClient();
        var replay = await client.PostAsync(new Uri(Server.Url, "_bulk"), new ByteArrayContent(body) { Headers = { { "Content-Type", "application/x-ndjson" } } });
        var answer = JsonDocument.Parse(await replay.Content.ReadAsStringAsync()).RootElement;
        Assert.That(answer.GetProperty("items")[0].GetProperty("create").GetProperty("status").GetInt32(), Is.EqualTo(409));
        Assert.That(Server.DocumentCount, Is.EqualTo(1));
    }

    [Test]
    public void AConnectionDroppedMidRequestIsRetriedWithoutDuplicates()
    {
        Server.Faults.DropConnection(times: 2);
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: Server.Url.ToString()).CreateLogger())
        {
            logger.Information("a");
            logger.Information("b");
        }

        Assert.That(Server.Documents.Select(d => d.Source.GetProperty("message").GetString()), Is.EquivalentTo(new[] { "a", "b" }));
    }
}
