using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Delivery;

/// <summary>
/// A 2xx answer to a <c>_bulk</c> request counts a document delivered only through its own item: an answer without
/// an item for every document sent (a gateway's <c>{}</c>, a maintenance page's <c>{"acknowledged":true}</c>, a
/// short list) is a failed request, retried like any other, and never lets events go in silence.
/// </summary>
public class BulkAnswerTests : LoopbackServerTest
{
    static string UniqueIndex() => "answers-" + Guid.NewGuid().ToString("N")[..8];

    static WorkflowTraceStatus StatusOf(string index) => WorkflowTraceMonitoring.GetStatus().Single(s => s.IndexName == index);

    [TestCase("{}", TestName = "A 200 answer {} counts no event delivered")]
    [TestCase("""{"acknowledged":true}""", TestName = "A 200 answer {acknowledged:true} counts no event delivered")]
    [TestCase("""{"errors":false}""", TestName = "A 200 answer {errors:false} without items counts no event delivered")]
    [TestCase("""{"errors":false,"items":[{"create":{"status":201}}]}""", TestName = "A compact answer with fewer items than documents counts no event delivered")]
    [TestCase("""{"took":2,"errors":false,"items":[{"create":{"_index":"x","_id":"a","status":201}},{"create":{"_index":"x","_id":"b","status":201}}]}""",
        TestName = "A full answer with fewer items than documents counts no event delivered")]
    [TestCase("""{"errors":false,"items":[{"create":{"status":201}},{"create":{"status":201}},{"create":{"status":201}},{"create":{"status":201}}]}""",
        TestName = "An answer with more items than documents counts no event delivered")]
    public async Task AnAnswerThatDoesNotAccountForEveryDocumentIsAFailedRequest(string body)
    {
        var index = UniqueIndex();
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.FallbackChain(
                       wt => wt.WorkflowTrace(hosts: Server.Url.ToString(), indexName: index, bufferSize: 3, flushInterval: TimeSpan.FromHours(1)),
                       wt => wt.Sink(fallback))
                   .CreateLogger())
        {
            // After the eagerly sent first event, the batching waits for three: one request for them, answered by the body.
            logger.Information("warm-up");
            await Server.WaitForDocumentsAsync(1, Patience);
            Server.Faults.FailWithStatus(200, body);
            logger.Information("one");
            logger.Information("two");
            logger.Information("three");

            // The answer is a failed request: the batch is sent again and this time the server takes it.
            await Server.WaitForDocumentsAsync(4, Patience);
            await Eventually.WaitFor(() => StatusOf(index).EventsSent == 4, "four events confirmed");
            Assert.That(StatusOf(index).EventsSent, Is.EqualTo(4), "each counted once, when its own item confirmed it");
        }

        Assert.That(selfLog.Text, Does.Contain("for the 3 documents sent, so which of them arrived is unknown"));
        Assert.That(Server.Documents.Select(d => d.Source.GetProperty("message").GetString()),
            Is.EquivalentTo(new[] { "warm-up", "one", "two", "three" }), "nothing lost");
        Assert.That(fallback.Events, Is.Empty);
    }
}
