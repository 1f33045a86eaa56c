using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>Issue 15 point 5: deleting trace indices older than a date, guarded, by name.</summary>
public class PruneTests : LoopbackServerTest
{
    static readonly DateTimeOffset Noon2 = new(2024, 1, 2, 12, 0, 0, TimeSpan.Zero);

    async Task<WorkflowTraceReader> ThreeDaysAsync()
    {
        await IndexSeeding.EntriesAsync(Server, "traces-2024.01.01", "a", "2024-01-01T08:00:00", "2024-01-01T23:59:59");
        await IndexSeeding.EntriesAsync(Server, "traces-2024.01.02", "b", "2024-01-02T08:00:00", "2024-01-02T12:00:01");
        await IndexSeeding.EntriesAsync(Server, "traces-2024.01.03", "c", "2024-01-03T08:00:00");
        await IndexSeeding.EntriesAsync(Server, "other", "d", "2023-01-01T08:00:00");
        return IndexSeeding.Reader(Server, "traces-{0:yyyy.MM.dd}");
    }

    IEnumerable<string> Deletes() => Server.Requests.Where(r => r.Method == "DELETE").Select(r => r.Path);

    [Test]
    public async Task UnconfirmedItNamesTheIndicesWhoseNewestEntryIsOlderAndDeletesNothing()
    {
        using var reader = await ThreeDaysAsync();

        var result = await reader.PruneAsync(Noon2);

        Assert.That(result.Deleted, Is.False);
        Assert.That(result.Indices.Select(i => (i.Name, i.Documents)), Is.EqualTo(new[] { ("traces-2024.01.01", 2L) }),
            "01.02 holds an entry a second after the date");
        Assert.That(Deletes(), Is.Empty);
        Assert.That(await IndexSeeding.IndexNamesAsync(Server), Is.EqualTo(new[] { "other", "traces-2024.01.01", "traces-2024.01.02", "traces-2024.01.03" }));
    }

    [Test]
    public async Task ConfirmedItDeletesExactlyThoseEachByNameNeverByWildcard()
    {
        using var reader = await ThreeDaysAsync();

        var result = await reader.PruneAsync(new DateTimeOffset(2024, 1, 3, 0, 0, 0, TimeSpan.Zero), confirm: true);

        Assert.That(result.Deleted, Is.True);
        Assert.That(result.Indices.Select(i => i.Name), Is.EqualTo(new[] { "traces-2024.01.01", "traces-2024.01.02" }));
        Assert.That(Deletes(), Is.EqualTo(new[] { "/traces-2024.01.01", "/traces-2024.01.02" }));
        Assert.That(await IndexSeeding.IndexNamesAsync(Server), Is.EqualTo(new[] { "other", "traces-2024.01.03" }), "other indices are not the reader's");
    }

    [Test]
    public async Task TheNewestEntryDecidesNotTheDateInTheName()
    {
        await IndexSeeding.EntriesAsync(Server, "traces-2024.01.01", "late", "2024-01-01T08:00:00", "2024-03-01T08:00:00");
        using var reader = IndexSeeding.Reader(Server, "traces-{0:yyyy.MM.dd}");

        var result = await reader.PruneAsync(new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), confirm: true);

        Assert.That(result.Indices, Is.Empty, "an entry of March arrived late into the index of January 1st");
        Assert.That(await IndexSeeding.IndexNamesAsync(Server), Is.EqualTo(new[] { "traces-2024.01.01" }));
    }

    [Test]
    public async Task AnEmptyIndexIsJudgedByItsCreationDate()
    {
        await IndexSeeding.SendAsync(Server, HttpMethod.Put, "traces-2024.01.05", "{}");
        using var reader = IndexSeeding.Reader(Server, "traces-{0:yyyy.MM.dd}");

        var past = await reader.PruneAsync(DateTimeOffset.UtcNow.AddDays(-1));
        var future = await reader.PruneAsync(DateTimeOffset.UtcNow.AddDays(1));

        Assert.That(past.Indices, Is.Empty, "created just now");
        Assert.That(future.Indices.Select(i => i.Name), Is.EqualTo(new[] { "traces-2024.01.05" }));
    }

    [Test]
    public async Task AFixedIndexIsNeverPrunedWholeAndTheRefusalSaysWhy()
    {
        await IndexSeeding.EntriesAsync(Server, "traces", "a", "2020-01-01T08:00:00");
        using var reader = IndexSeeding.Reader(Server, "traces");

        var refused = Assert.ThrowsAsync<InvalidOperationException>(() => reader.PruneAsync(DateTimeOffset.UtcNow, confirm: true));

        Assert.That(refused!.Message, Does.Contain("fixed index 'traces'").And.Contain("time-based index name").And.Contain("data stream"));
        Assert.That(Deletes(), Is.Empty);
        Assert.That(await IndexSeeding.IndexNamesAsync(Server), Is.EqualTo(new[] { "traces" }));
    }

    [Test]
    public async Task ADataStreamsWriteIndexIsNeverPrunedAsElasticsearchRefusesToDeleteIt()
    {
        await IndexSeeding.DataStreamAsync(Server, "trace-stream", "2020-01-01T08:00:00");
        using var reader = IndexSeeding.Reader(Server, "trace-stream", o => o.DataStream = true);

        var result = await reader.PruneAsync(DateTimeOffset.UtcNow, confirm: true);

        Assert.That(result.Indices, Is.Empty);
        Assert.That(Server.Requests.Select(r => r.Path), Does.Contain("/_data_stream/trace-stream"), "the write index is asked, not guessed");
        Assert.That(Deletes(), Is.Empty);
    }

    [Test]
    public async Task AForbiddenDeleteSaysWhatWasDeletedBeforeItAndWhatPrivilegeItNeeds()
    {
        await IndexSeeding.EntriesAsync(Server, "traces-2024.01.01", "a", "2024-01-01T08:00:00");
        await IndexSeeding.SendAsync(Server, HttpMethod.Put, "traces-2024.01.02", "{}");
        using var reader = IndexSeeding.Reader(Server, "traces-{0:yyyy.MM.dd}");
        Server.Faults.FailWithStatus(403, DeleteRefusal, pathContains: "/traces-2024.01.02");

        var refused = Assert.ThrowsAsync<TraceAccessDeniedException>(() => reader.PruneAsync(DateTimeOffset.UtcNow.AddDays(1), confirm: true));

        Assert.That(refused!.Message, Does.Contain("deleting the trace index 'traces-2024.01.02' (after deleting traces-2024.01.01)"));
        Assert.That(refused.NeededPrivileges, Does.Contain("delete_index"));
        Assert.That(refused.Message, Does.Contain("This needs the index privilege delete_index").And.Contain("indices:admin/delete"), "Elasticsearch's own reason follows");
        Assert.That(await IndexSeeding.IndexNamesAsync(Server), Is.EqualTo(new[] { "traces-2024.01.02" }));
    }

    const string DeleteRefusal = """
        {"error":{"root_cause":[{"type":"security_exception","reason":"action [indices:admin/delete] is unauthorized for user [reader] with effective roles [trace_reader] on indices [traces-2024.01.02], this action is granted by the index privileges [delete_index,manage,all]"}],"type":"security_exception","reason":"action [indices:admin/delete] is unauthorized for user [reader] with effective roles [trace_reader] on indices [traces-2024.01.02], this action is granted by the index privileges [delete_index,manage,all]"},"status":403}
        """;
}
