using Serilog.Core;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Delivery;

/// <summary>
/// Against a cluster of loopback nodes that fail in every way a real one does — a node that dies and comes back,
/// answers cut off after the work was done, answers too late, rejection storms, per-item failures, bodies too
/// large, the whole cluster gone — every numbered event is stored exactly once, or reported exactly once: nothing
/// lost, nothing doubled.
/// </summary>
public class FaultToleranceTests : LoopbackClusterTest
{
    static string Hosts(FakeElasticsearchCluster cluster) => string.Join(",", cluster.Urls);

    /// <summary>A logger whose permanently failed events go to <paramref name="fallback"/>.</summary>
    static Logger CreateLogger(
        FakeElasticsearchCluster cluster,
        ListSink fallback,
        int bufferSize = 10,
        TimeSpan? flushInterval = null,
        TimeSpan? timeout = null,
        int queueLimit = 100_000,
        TimeSpan? deadTimeout = null,
        string indexName = "workflow-traces",
        bool compressRequests = true) =>
        new LoggerConfiguration()
            .WriteTo.FallbackChain(
                wt => wt.WorkflowTrace(
                    hosts: Hosts(cluster),
                    indexName: indexName,
                    bufferSize: bufferSize,
                    flushInterval: flushInterval ?? TimeSpan.FromMilliseconds(50),
                    timeout: timeout ?? TimeSpan.FromSeconds(5),
                    queueLimit: queueLimit,
                    deadTimeout: deadTimeout ?? TimeSpan.FromMilliseconds(300),
                    compressRequests: compressRequests,
                    bootstrapMode: WorkflowTraceBootstrapMode.None),
                wt => wt.Sink(fallback))
            .CreateLogger();

    /// <summary>
    /// Logs numbered events from <paramref name="next"/> on, a few at a time with short pauses (so batches keep
    /// flowing while a fault plays out), until at least <paramref name="minimum"/> were logged and
    /// <paramref name="until"/> holds; returns the next number.
    /// </summary>
    static async Task<int> LogUntil(ILogger logger, int next, int minimum, Func<bool> until, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        var stopAt = next + minimum;
        while ((next < stopAt || !until()) && DateTime.UtcNow < deadline)
        {
            for (var i = 0; i < 5; i++)
                NumberedEvents.Log(logger, next++);
            await Task.Delay(10);
        }

        Assert.That(until(), Is.True, "timed out logging until " + what);
        return next;
    }

    /// <summary>Every number below <paramref name="sent"/> is stored exactly once, under an id of its own, and none other.</summary>
    static void AssertStoredExactlyOnce(FakeElasticsearchCluster cluster, int sent)
    {
        var documents = cluster.Documents;
        var numbers = NumberedEvents.Stored(documents);
        Assert.Multiple(() =>
        {
            Assert.That(numbers, Is.Unique, "no event stored twice");
            Assert.That(numbers, Is.EquivalentTo(Enumerable.Range(0, sent)), "every event stored");
            Assert.That(documents.Select(d => d.Id), Is.Unique, "no document id stored twice");
        });
    }

    /// <summary>How many times the cluster was asked to store each document id (resends included), recorded by an item rule.</summary>
    sealed class Sightings
    {
        readonly Dictionary<string, int> _byId = [];

        public Sightings(FakeElasticsearchCluster cluster) =>
            cluster.ItemRule = item =>
            {
                lock (_byId)
                    _byId[item.Id!] = _byId.GetValueOrDefault(item.Id!) + 1;
                return null;
            };

        public IReadOnlyDictionary<string, int> ById
        {
            get { lock (_byId) return new Dictionary<string, int>(_byId); }
        }
    }

    /// <summary>The ids in the first <paramref name="count"/> bulk requests each of <paramref name="nodes"/> received: those that took its queued faults.</summary>
    static HashSet<string> IdsOfFirstBulkRequests(IEnumerable<FakeElasticsearch> nodes, int count) =>
        nodes.SelectMany(n => BulkRequests.Of(n).Take(count)).SelectMany(BulkRequests.Ids).ToHashSet();

    [Test]
    public async Task ANodeStoppedMidRunAndRestartedLaterLosesNothingAndDoublesNothing()
    {
        var cluster = await Start(3);
        var victim = cluster.Nodes[1];
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        var sent = 0;
        await using (var logger = CreateLogger(cluster, fallback))
        {
            sent = await LogUntil(logger, sent, 50, () => BulkRequests.Of(victim).Count > 0, "the victim took traffic");

            await victim.StopAsync();
            sent = await LogUntil(logger, sent, 50, () => selfLog.Text.Contains($"Elasticsearch node {victim.Url} failed ("), "the stopped node was tried and failed");

            await victim.RestartAsync();
            var before = BulkRequests.Of(victim).Count;
            sent = await LogUntil(logger, sent, 50,
                () => BulkRequests.Of(victim).Count > before && selfLog.Text.Contains($"Elasticsearch node {victim.Url} answered its ping"),
                "the restarted node was pinged and took bulk requests again");
        }

        AssertStoredExactlyOnce(cluster, sent);
        Assert.That(fallback.Events, Is.Empty, "nothing was given up");
        Assert.That(cluster.Nodes.Where(n => n != victim).All(n => BulkRequests.Of(n).Count > 0), Is.True, "the other nodes shared the load");
    }

    [Test]
    public async Task AnswersCutOffAfterTheDocumentsWereStoredAreResentAnsweredConflictAndCountedOnce()
    {
        var cluster = await Start(3);
        foreach (var node in cluster.Nodes)
            node.Faults.DropMidResponse(times: 2);
        var sightings = new Sightings(cluster);
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        int sent;
        await using (var logger = CreateLogger(cluster, fallback, deadTimeout: TimeSpan.FromMilliseconds(200)))
        {
            sent = await LogUntil(logger, 0, 100, () => cluster.Nodes.All(n => n.Faults.Count == 0), "every node cut off two answers");
        }

        AssertStoredExactlyOnce(cluster, sent);
        Assert.That(fallback.Events, Is.Empty, "nothing was given up");

        // The cut-off requests' documents were stored before the answer broke: each was sent again (and, being a
        // create of an id the cluster already held, answered 409), and only those were sent more than once.
        var cut = IdsOfFirstBulkRequests(cluster.Nodes, 2);
        var resent = sightings.ById.Where(s => s.Value > 1).Select(s => s.Key).ToHashSet();
        Assert.That(cut, Is.Not.Empty);
        Assert.That(resent, Is.EquivalentTo(cut), "exactly the documents of cut-off answers were sent again");
        Assert.That(cut.All(id => cluster.Documents.Count(d => d.Id == id) == 1), Is.True, "each of them is stored once");
        Assert.That(cluster.Nodes.All(n => selfLog.Text.Contains($"Elasticsearch node {n.Url} failed (")), Is.True, "each cut-off answer made its node fail");
    }

    [Test]
    public async Task AnswersLaterThanTheTimeoutAreResentAnsweredConflictAndCountedOnce()
    {
        var cluster = await Start(3);
        // Processed (stored) at once, answered only after the client's 1 s timeout has passed.
        cluster.Nodes[0].Faults.DelayResponse(TimeSpan.FromSeconds(4));
        cluster.Nodes[1].Faults.DelayResponse(TimeSpan.FromSeconds(4));
        var sightings = new Sightings(cluster);
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        int sent;
        await using (var logger = CreateLogger(cluster, fallback, timeout: TimeSpan.FromSeconds(1)))
        {
            sent = await LogUntil(logger, 0, 50, () => cluster.Nodes.All(n => n.Faults.Count == 0), "both slow answers were waited for");
        }

        AssertStoredExactlyOnce(cluster, sent);
        Assert.That(fallback.Events, Is.Empty, "nothing was given up");

        var late = IdsOfFirstBulkRequests(cluster.Nodes.Take(2), 1);
        var resent = sightings.ById.Where(s => s.Value > 1).Select(s => s.Key).ToHashSet();
        Assert.That(late, Is.Not.Empty);
        Assert.That(resent, Is.EquivalentTo(late), "exactly the documents of the late answers were sent again");
        Assert.That(selfLog.Text, Does.Contain("no response within the timeout of 1 s"));
    }

    [Test]
    public async Task ARejectionStormOnEveryNodeThatEndsLosesNothingAndDoublesNothing()
    {
        var cluster = await Start(3);
        // Six 429s: more than one attempt's worth (a request and 3 retries), so the batch also goes back to Serilog's
        // batching once and is sent again from there.
        foreach (var node in cluster.Nodes)
            node.Faults.FailWithStatus(429, times: 2);
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        var sent = 0;
        await using (var logger = new LoggerConfiguration()
                         .WriteTo.FallbackChain(
                             wt => wt.WorkflowTrace(hosts: Hosts(cluster), bufferSize: 20, flushInterval: TimeSpan.FromMilliseconds(50),
                                 bootstrapMode: WorkflowTraceBootstrapMode.None),
                             wt => wt.Sink(fallback))
                         .CreateLogger())
        {
            sent = await LogUntil(logger, sent, 60, () => cluster.Nodes.All(n => n.Faults.Count == 0), "the storm blew over");
            await cluster.WaitForDocumentsAsync(sent, Patience);
            sent = await LogUntil(logger, sent, 20, () => true, "after the storm");
        }

        AssertStoredExactlyOnce(cluster, sent);
        Assert.That(fallback.Events, Is.Empty, "nothing was given up");
        Assert.That(selfLog.Lines.Count(l => l.Contains("request failed (status 429")), Is.GreaterThanOrEqualTo(3), "the 429s were retried");
        Assert.That(selfLog.Text, Does.Contain("Temporary failure"), "one attempt ran out of retries and went back to Serilog's batching");
    }

    [Test]
    public async Task MixedItemFailuresEachMeetTheirOwnFate()
    {
        const int count = 70;
        var cluster = await Start(2);
        var seen = new Dictionary<int, int>();

        // By number: 0 fine; 1 a 429 once; 2 a 503 twice; 3 a mapping error always; 4 a mapping error that its
        // degraded form avoids; 5 a 409, as for a document that already arrived; 6 a 429 four times, one more
        // than the resends within an attempt, so it waits for Serilog's batching to send the batch again.
        cluster.ItemRule = item =>
        {
            if (NumberedEvents.NumberOf(item) is not { } number)
                return null;
            int sighting;
            lock (seen)
                sighting = seen[number] = seen.GetValueOrDefault(number) + 1;
            var degraded = item.Document.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("degraded_content", out _);
            return (number % 7) switch
            {
                1 when sighting == 1 => ItemError.TooManyRequests(),
                2 when sighting <= 2 => ItemError.ShardUnavailable(),
                3 => ItemError.MappingError("metadata.Number"),
                4 when !degraded => ItemError.MappingError("metadata.Number"),
                5 => ItemError.VersionConflict(),
                6 when sighting <= 4 => ItemError.TooManyRequests(),
                _ => null,
            };
        };
        var listener = new RecordingFailureListener();
        using var selfLog = new SelfLogCollector();
        var settings = new WorkflowTraceSettingsBuilder
        {
            Hosts = Hosts(cluster),
            // All numbered events in one batch: a batch that goes back to Serilog's batching is sent again as it was.
            BufferSize = count,
            FlushInterval = TimeSpan.FromMilliseconds(500),
            BootstrapMode = WorkflowTraceBootstrapMode.None,
        }.Build();
        var sink = WorkflowTraceSinkFactory.Create(settings);
        ((ISetLoggingFailureListener)sink).SetFailureListener(listener);
        await using (var logger = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger())
        {
            // The first event goes out alone, at once; the numbered ones then fill the next batch.
            logger.Information("warm-up");
            await cluster.WaitForDocumentsAsync(1, Patience);
            for (var i = 0; i < count; i++)
                NumberedEvents.Log(logger, i);
            await cluster.WaitForDocumentsAsync(1 + Enumerable.Range(0, count).Count(n => n % 7 is not (3 or 5)), Patience);
        }

        IEnumerable<int> Kind(int kind) => Enumerable.Range(0, count).Where(n => n % 7 == kind);
        int Seen(int number)
        {
            lock (seen)
                return seen.GetValueOrDefault(number);
        }

        var stored = NumberedEvents.Stored(cluster.Documents.Where(d => d.Source.GetProperty("message").GetString() != "warm-up"));
        var failures = listener.Failures;
        var permanent = failures.Where(f => f.Kind == LoggingFailureKind.Permanent).ToList();
        var temporary = failures.Where(f => f.Kind == LoggingFailureKind.Temporary).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.Unique, "no document stored twice");
            Assert.That(stored, Is.EquivalentTo(new[] { 0, 1, 2, 4, 6 }.SelectMany(Kind)), "fine, 429, 503 and degraded documents are stored");
            Assert.That(permanent.SelectMany(f => NumberedEvents.Of(f.Events)), Is.EquivalentTo(Kind(3)), "only documents rejected also in degraded form are reported, each once");
            Assert.That(permanent.All(f => f.Message.Contains("document_parsing_exception") && f.Message.Contains("status 400")), Is.True, "with the reason");
            Assert.That(temporary.SelectMany(f => NumberedEvents.Of(f.Events)), Is.EquivalentTo(Kind(6)), "the batch went back to Serilog's batching with only the documents still waiting");
            Assert.That(failures.Count, Is.EqualTo(permanent.Count + temporary.Count), "and nothing was given up otherwise");

            // How often each was sent: a 429 once more, a 503 twice more, a rejected document once more in degraded
            // form, a conflict never again, and the long 429 the three resends of its attempt plus one of the next.
            Assert.That(Kind(0).Select(Seen), Is.All.EqualTo(1), "fine");
            Assert.That(Kind(1).Select(Seen), Is.All.EqualTo(2), "429 once");
            Assert.That(Kind(2).Select(Seen), Is.All.EqualTo(3), "503 twice");
            Assert.That(Kind(3).Select(Seen), Is.All.EqualTo(2), "400, then 400 for the degraded form");
            Assert.That(Kind(4).Select(Seen), Is.All.EqualTo(2), "400, then the degraded form accepted");
            Assert.That(Kind(5).Select(Seen), Is.All.EqualTo(1), "409: delivered, not sent again");
            Assert.That(Kind(6).Select(Seen), Is.All.EqualTo(5), "429 four times");

            var degradedNumbers = cluster.Documents
                .Where(d => d.Source.TryGetProperty("metadata", out var m) && m.TryGetProperty("degraded_content", out _))
                .Select(NumberedEvents.NumberOf);
            Assert.That(degradedNumbers, Is.EquivalentTo(Kind(4)), "the degraded documents are stored in their degraded form");
        });
        Assert.That(selfLog.Text, Does.Not.Contain("neither delivered nor reported"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task RequestsTooLargeForTheNodesAreHalvedUntilTheyFit(bool compressRequests)
    {
        const int limit = 8 * 1024;
        var cluster = await Start(2, new FakeElasticsearchOptions { MaxContentLengthBytes = limit });
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        const int count = 200;
        await using (var logger = CreateLogger(cluster, fallback, bufferSize: 100, compressRequests: compressRequests))
        {
            for (var i = 0; i < count; i++)
                NumberedEvents.Log(logger, i);
        }

        AssertStoredExactlyOnce(cluster, count);
        Assert.That(fallback.Events, Is.Empty, "nothing was given up");
        var bulk = cluster.Requests.Where(r => r.Path.EndsWith("_bulk", StringComparison.Ordinal)).ToList();
        // The nodes refuse a body over the limit (after decompression) without keeping it.
        var refused = bulk.Where(r => r.Body.Length == 0).ToList();
        Assert.That(refused, Is.Not.Empty, "some requests were too large and answered 413");
        Assert.That(bulk.Except(refused).SelectMany(BulkRequests.Ids), Is.Unique, "each document was accepted in one request");
        Assert.That(selfLog.Lines.Count(l => l.Contains("answered 413 (request too large)")), Is.EqualTo(refused.Count),
            "every 413 was answered by cutting the request, none by failing over");
        Assert.That(selfLog.Text, Does.Not.Contain(" failed ("), "a 413 does not make a node fail");
    }

    [Test]
    public async Task WithEveryNodeDownWhatPassesTheQueueLimitIsReportedAndTheRestDeliveredOnce()
    {
        const int queueLimit = 40;
        const int count = 150;
        var index = "outage-" + Guid.NewGuid().ToString("N")[..8];
        var cluster = await Start(2);
        foreach (var node in cluster.Nodes)
            await node.StopAsync();
        var fallback = new ListSink();
        using var selfLog = new SelfLogCollector();
        await using (var logger = CreateLogger(cluster, fallback, bufferSize: 10, queueLimit: queueLimit, indexName: index))
        {
            for (var i = 0; i < count; i++)
                NumberedEvents.Log(logger, i);

            Assert.That(fallback.Events, Has.Count.EqualTo(count - queueLimit), "events beyond the queue limit were reported at once");
            await Eventually.WaitFor(
                () => cluster.Nodes.All(n => selfLog.Text.Contains($"Elasticsearch node {n.Url} failed (")),
                "both stopped nodes were tried");

            // Down long enough for a whole attempt (a request and its retries) to fail and go back to Serilog's batching.
            await Eventually.WaitFor(() => selfLog.Text.Contains("Temporary failure"), "an attempt failed for good");

            foreach (var node in cluster.Nodes)
                await node.RestartAsync();
        }

        var stored = NumberedEvents.Stored(cluster.Documents);
        var reported = NumberedEvents.Of(fallback.Events);
        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.Unique, "no event stored twice");
            Assert.That(reported, Is.Unique, "no event reported twice");
            Assert.That(stored.Intersect(reported), Is.Empty, "no event both stored and reported");
            Assert.That(stored.Concat(reported), Is.EquivalentTo(Enumerable.Range(0, count)), "every event stored or reported");
            Assert.That(stored, Has.Count.LessThanOrEqualTo(queueLimit), "no more were kept than the queue holds");
            Assert.That(stored, Is.Not.Empty, "what was kept was delivered once the nodes came back");
            Assert.That(cluster.Documents.Select(d => d.Id), Is.Unique);
        });
        Assert.That(selfLog.Lines.Single(l => l.Contains("were dropped because the queue was full")), Does.Contain($"{reported.Count} event(s)"));
    }
}
