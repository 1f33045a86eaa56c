using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Delivery;

/// <summary>
/// Requests stay under the byte limit; a 413 halves the request; a single event too large for any request is
/// truncated with a marker, not dropped.
/// </summary>
public class RequestSizeTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    static readonly string Kilobyte = new('x', 1000);

    static string[] TruncatedFields(StoredDocument document) =>
        document.Source.GetProperty("metadata").GetProperty("truncated_fields").EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Test]
    public async Task BatchesAreCutSoNoRequestPassesTheLimit()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: server.Url.ToString(), bufferSize: 50, maxRequestBytes: 8192)
                   .CreateLogger())
        {
            for (var i = 0; i < 50; i++)
                logger.Information("event {Number} {Padding}", i, Kilobyte);
        }

        var requests = BulkRequests.Of(server);
        Assert.That(server.DocumentCount, Is.EqualTo(50));
        Assert.That(requests.Count, Is.GreaterThanOrEqualTo(50 * 1000 / 8192));
        Assert.That(requests.Max(r => r.Body.Length), Is.LessThanOrEqualTo(8192));
        Assert.That(requests.SelectMany(BulkRequests.Ids).Distinct().Count(), Is.EqualTo(50), "each document in one request");
    }

    [Test]
    public async Task A413HalvesTheRequestUntilItIsTakenAndNothingArrivesTwice()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { MaxContentLengthBytes = 20_000 });
        using var selfLog = new SelfLogCollector();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: server.Url.ToString(), bufferSize: 60, flushInterval: TimeSpan.FromHours(1))
                   .CreateLogger())
        {
            // After the eagerly sent first event, the batching waits for 60: one request for them all.
            logger.Information("warm-up");
            await server.WaitForDocumentsAsync(1, Patience);
            for (var i = 0; i < 60; i++)
                logger.Information("event {Number} {Padding}", i, Kilobyte);
            await server.WaitForDocumentsAsync(61, Patience);
        }

        // The server keeps no body of a request over its limit. 60 documents of about 2.4 KB (145 KB) are refused,
        // then 30, then 15; 7 and 8 are taken.
        var requests = BulkRequests.Of(server).Skip(1).ToList();
        var taken = requests.Where(r => r.Body.Length > 0).ToList();
        Assert.That(requests.Count(r => r.Body.Length == 0), Is.EqualTo(7), "refused: 60, 30, 15, 15, 30, 15, 15 documents");
        Assert.That(taken.Select(r => BulkRequests.Ids(r).Count), Is.EquivalentTo(new[] { 7, 8, 7, 8, 7, 8, 7, 8 }), "halves of halves");
        Assert.That(taken.Max(r => r.Body.Length), Is.LessThanOrEqualTo(20_000));
        Assert.That(server.Documents.Select(d => d.Id).Distinct().Count(), Is.EqualTo(61));
        Assert.That(selfLog.Text, Does.Contain("answered 413"));
    }

    [Test]
    public async Task AnEventLargerThanTheLimitIsTruncatedWithAMarkerNotDropped()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        var huge = new string('m', 100_000);
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: server.Url.ToString(), maxRequestBytes: 8192)
                   .CreateLogger())
        {
            logger.Error(new InvalidOperationException(new string('e', 50_000)), "{Huge}", huge);
            logger.Information("small");
        }

        Assert.That(server.DocumentCount, Is.EqualTo(2));
        Assert.That(BulkRequests.Of(server).Max(r => r.Body.Length), Is.LessThanOrEqualTo(8192));
        var cut = server.Documents.Single(d => d.Source.GetProperty("level").GetString() == "error");
        Assert.That(TruncatedFields(cut), Does.Contain("message"));
        Assert.That(huge, Does.StartWith(cut.Source.GetProperty("message").GetString()!));
    }

    [Test]
    public async Task AServerLimitBelowOneDocumentCutsItByHalvesUntilItFits()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { MaxContentLengthBytes = 6_000 });
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: server.Url.ToString())
                   .CreateLogger())
        {
            logger.Information("{Huge}", new string('m', 50_000));
            await server.WaitForDocumentsAsync(1, Patience);
        }

        var statuses = BulkRequests.Of(server).Select(r => r.Body.Length).ToArray();
        Assert.That(statuses.Length, Is.GreaterThanOrEqualTo(3), "cut by halves: 50 KB, 25 KB, ...");
        Assert.That(statuses.Last(), Is.LessThanOrEqualTo(6_000));
        Assert.That(TruncatedFields(server.Documents.Single()), Does.Contain("message"));
    }

    [Test]
    public async Task AServerThatTakesNoDocumentAtAllGetsItReportedNotLostInSilence()
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { MaxContentLengthBytes = 300 });
        var listener = new ListSink();
        using var selfLog = new SelfLogCollector();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.FallbackChain(wt => wt.WorkflowTrace(hosts: server.Url.ToString(), bootstrapMode: WorkflowTraceBootstrapMode.None), wt => wt.Sink(listener))
                   .CreateLogger())
        {
            logger.Information("{Huge}", new string('m', 5_000));
        }

        Assert.That(server.DocumentCount, Is.Zero);
        Assert.That(listener.Events, Has.Count.EqualTo(1));
        Assert.That(selfLog.Text, Does.Contain("refuses it as too large (413)"));
    }
}
