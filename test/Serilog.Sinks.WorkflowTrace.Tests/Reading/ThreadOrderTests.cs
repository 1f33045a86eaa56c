using Serilog.Sinks.WorkflowTrace.Reading;
using static Serilog.Sinks.WorkflowTrace.Tests.Reading.RunSeeding;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// Elasticsearch keeps datetime in milliseconds, so events of one millisecond come back in any order; the reader puts
/// this sink's entries back in the order their threads logged them, across page boundaries, and leaves other
/// producers' entries in the server's order.
/// </summary>
public class ThreadOrderTests
{
    const int Threads = 4;
    const int PerMillisecond = 30;
    const int Milliseconds = 3;

    // Events logged by 4 threads in turn, 30 in each of 3 milliseconds; the sequence follows the log calls, and the
    // full-precision time grows with it, three events at a time sharing one tick (so the sequence must break the tie).
    static List<(string Id, string Source)> BusyRun()
    {
        var documents = new List<(string Id, string Source)>();
        for (var sequence = 0; sequence < PerMillisecond * Milliseconds; sequence++)
        {
            var millisecond = sequence / PerMillisecond;
            var time = Start.AddMilliseconds(millisecond).AddTicks(sequence % PerMillisecond / 3 * 100);
            var thread = 11 + sequence % Threads;
            documents.Add(SinkDocument("busy", sequence, time, thread, $"thread {thread} event {sequence}"));
        }

        return documents;
    }

    static async Task<Serilog.Sinks.WorkflowTrace.TestServer.FakeElasticsearch> SeededAsync()
    {
        var server = await StartAsync("es-9.1");
        var shuffled = BusyRun().OrderBy(_ => Random.Shared.Next()).ToList();
        await BulkAsync(server, shuffled);
        return server;
    }

    [Test]
    public async Task EntriesOfOneMillisecondComeOutInTheOrderTheirThreadsLoggedThemAcrossPages()
    {
        await using var server = await SeededAsync();
        using var reader = Reader(server, pageSize: 7);

        var entries = await ToListAsync(reader.ReadRunAsync("busy"));

        Assert.That(entries.Select(e => e.Message), Is.EqualTo(BusyRun().Select(d => System.Text.Json.Nodes.JsonNode.Parse(d.Source)!["message"]!.GetValue<string>())));
        foreach (var thread in entries.GroupBy(e => e.Thread))
            Assert.That(thread.Select(e => e.Id), Is.EqualTo(thread.Select(e => e.Id).OrderBy(id => Convert.ToInt64(id[16..], 16))), $"thread {thread.Key}");
    }

    [Test]
    public async Task NewestFirstGivesEachThreadsEventsInReverse()
    {
        await using var server = await SeededAsync();
        using var reader = Reader(server, pageSize: 7);
        var pager = new EntryPager(reader.Client, reader.Index, reader.Options);

        var entries = await ToListAsync(pager.ReadAsync(json => QueryFilter.WriteRun(json, "busy"), TraceOrder.NewestFirst, "reading run 'busy'", default));

        Assert.That(entries.Select(e => Convert.ToInt64(e.Id[16..], 16)), Is.EqualTo(Enumerable.Range(0, PerMillisecond * Milliseconds).Reverse().Select(i => (long)i)));
    }

    [Test]
    public async Task PythonEntriesOfOneSecondKeepTheServersOrder()
    {
        await using var server = await StartAsync("es-9.1");
        var threads = new long[] { 140_000_000_000_005, 3, 140_000_000_000_001, 9, 7 };
        await BulkAsync(server, threads.Select((thread, i) => PythonDocument("python-run-00000001", Start, thread, $"python {i}")));
        using var reader = Reader(server, pageSize: 2);

        var entries = await ToListAsync(reader.ReadRunAsync("python-run-00000001"));

        Assert.That(entries.Select(e => e.Message), Is.EqualTo(Enumerable.Range(0, 5).Select(i => $"python {i}")), "the index order, as the server gave it");
    }
}
