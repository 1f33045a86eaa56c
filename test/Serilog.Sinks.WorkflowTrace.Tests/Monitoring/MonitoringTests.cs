using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Monitoring;

/// <summary>
/// The sink is observable: counters under the meter named after the package, and a status snapshot the
/// application reads (buffer, nodes, last error) — the .NET form of the seed's monitoring section.
/// </summary>
public class MonitoringTests : LoopbackServerTest
{
    sealed class Counters : IDisposable
    {
        readonly MeterListener _listener = new();
        readonly string _index;

        public Counters(string index)
        {
            _index = index;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == WorkflowTraceMonitoring.MeterName)
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.Start();
        }

        public ConcurrentDictionary<string, long> Totals { get; } = new();

        void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "workflowtrace.index" && Equals(tag.Value, _index))
                    Totals.AddOrUpdate(instrument.Name, value, (_, total) => instrument.IsObservable ? value : total + value);
            }
        }

        public long this[string name] => Totals.GetValueOrDefault(name);

        public void ReadGauges() => _listener.RecordObservableInstruments();

        public void Dispose() => _listener.Dispose();
    }

    static string UniqueIndex() => "monitored-" + Guid.NewGuid().ToString("N")[..8];

    static WorkflowTraceStatus StatusOf(string index) => WorkflowTraceMonitoring.GetStatus().Single(s => s.IndexName == index);

    [Test]
    public void CountersReportQueuedSentBatchesAndBytes()
    {
        var index = UniqueIndex();
        using var counters = new Counters(index);
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), indexName: index, bufferSize: 5).CreateLogger())
        {
            for (var i = 0; i < 12; i++)
                logger.Information("event {I}", i);
            // The queued count is observed (read when asked), while the sink is open.
            counters.ReadGauges();
        }

        var requests = BulkRequests.Of(Server);
        Assert.That(counters["workflowtrace.events.queued"], Is.EqualTo(12));
        Assert.That(counters["workflowtrace.events.sent"], Is.EqualTo(12));
        Assert.That(counters["workflowtrace.batches"], Is.EqualTo(requests.Count));
        Assert.That(counters["workflowtrace.bytes"], Is.EqualTo(requests.Sum(r => r.WireBodyLength)));
        Assert.That(counters["workflowtrace.events.dropped"], Is.Zero);
    }

    [Test]
    public void RetriedDegradedAndDroppedEventsAreCounted()
    {
        var index = UniqueIndex();
        using var counters = new Counters(index);
        Server.Faults.FailItems(item => item.Position == 0 ? ItemError.TooManyRequests() : null);
        Server.ItemRule = item => item.Document.GetRawText().Contains("hopeless") ? ItemError.MappingError("metadata.Mood") : null;
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), indexName: index, bufferSize: 1)
                   .CreateLogger())
        {
            logger.Information("busy at first");
            logger.ForContext("Count", 1).Information("number");
            logger.ForContext("Count", "one").Information("conflict");
            logger.ForContext("Mood", "hopeless").Information("dropped");
        }

        Assert.That(counters["workflowtrace.events.sent"], Is.EqualTo(3));
        Assert.That(counters["workflowtrace.events.retried"], Is.GreaterThanOrEqualTo(1 + 2), "the 429 item resent, and both content rejections resent degraded");
        Assert.That(counters["workflowtrace.events.degraded"], Is.EqualTo(1));
        Assert.That(counters["workflowtrace.events.dropped"], Is.EqualTo(1));
    }

    [Test]
    public async Task TheStatusSnapshotShowsTheBufferTheNodesAndTheLastError()
    {
        var index = UniqueIndex();
        await using var dead = await FakeElasticsearch.StartAsync();
        var deadUrl = dead.Url;
        await dead.DisposeAsync();

        using var counters = new Counters(index);
        var logger = new LoggerConfiguration()
            .WriteTo.WorkflowTrace(hosts: $"{Server.Url},{deadUrl}", indexName: index, bufferSize: 2, flushInterval: TimeSpan.FromMilliseconds(200))
            .CreateLogger();
        try
        {
            logger.Information("held");
            var held = StatusOf(index);
            Assert.That(held.QueueLimit, Is.EqualTo(100_000));
            Assert.That(held.Nodes.Select(n => n.Uri), Is.EqualTo(new[] { Server.Url, deadUrl }));

            for (var i = 0; i < 6; i++)
                logger.Information("more {I}", i);
            await Server.WaitForDocumentsAsync(7, Patience);
            // The server stores the documents a moment before the sink reads its answer.
            var deadline = DateTime.UtcNow + Patience;
            while (StatusOf(index).EventsSent < 7 && DateTime.UtcNow < deadline)
                await Task.Delay(10);

            var status = StatusOf(index);
            Assert.That(status.LiveNodes, Is.EqualTo(1), "the stopped node is out of rotation");
            var deadNode = status.Nodes.Single(n => n.Uri == deadUrl);
            Assert.That(deadNode.IsAlive, Is.False);
            Assert.That(deadNode.DeadUntil, Is.GreaterThan(DateTimeOffset.UtcNow));
            Assert.That(status.LastError, Does.Contain(deadUrl.ToString()));
            Assert.That(status.LastErrorAt, Is.Not.Null);
            Assert.That(status.NodeFailovers, Is.GreaterThanOrEqualTo(1));
            Assert.That(status.EventsSent, Is.EqualTo(7));
            Assert.That(status.EventsQueued, Is.EqualTo(7));
            Assert.That(status.BufferedEvents, Is.Zero);
            Assert.That(counters["workflowtrace.node.failovers"], Is.EqualTo(status.NodeFailovers));

            counters.ReadGauges();
            Assert.That(counters["workflowtrace.nodes.live"], Is.EqualTo(1));
            Assert.That(counters["workflowtrace.buffer.size"], Is.EqualTo(status.BufferedEvents));
        }
        finally
        {
            await logger.DisposeAsync();
        }

        Assert.That(WorkflowTraceMonitoring.GetStatus().Any(s => s.IndexName == index), Is.False, "a disposed sink leaves the list");
        Assert.That(Server.DocumentCount, Is.EqualTo(7));
    }
}
