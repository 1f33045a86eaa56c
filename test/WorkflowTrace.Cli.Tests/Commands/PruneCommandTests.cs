using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.TestServer;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Commands;

public class PruneCommandTests
{
    const string Daily = "wt-{0:yyyy.MM.dd}";

    static async Task<(FakeElasticsearch Server, string Fresh)> OldAndFreshAsync()
    {
        var server = await FakeElasticsearch.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var fresh = $"wt-{now:yyyy.MM.dd}";
        await AdminSeeding.EntriesAsync(server, "wt-2020.01.01", "old-run", "2020-01-01T10:00:00Z", "2020-01-01T10:05:00Z");
        await AdminSeeding.EntriesAsync(server, fresh, "new-run", now.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:ssZ"));
        return (server, fresh);
    }

    [Test]
    public async Task PruneListsTheOldIndicesAndDeletesNothingWithoutYes()
    {
        var (server, fresh) = await OldAndFreshAsync();
        await using var _ = server;

        var result = await CliRun.RunAsync(server.Url.ToString(), "prune", "--older-than", "30d", "--index", Daily);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Match(@"wt-2020\.01\.01\s+.\s+(green|yellow)\s+.\s+2\s+."), result.ToString());
        Assert.That(result.Output, Does.Not.Contain(fresh), result.ToString());
        Assert.That(result.Output, Does.Contain("Would delete 1 index (2 documents)").And.Contain("run again with --yes"), result.ToString());
        Assert.That(await AdminSeeding.IndexNamesAsync(server), Does.Contain("wt-2020.01.01").And.Contain(fresh));
    }

    [Test]
    public async Task PruneWithYesDeletesExactlyTheOldIndices()
    {
        var (server, fresh) = await OldAndFreshAsync();
        await using var _ = server;

        var result = await CliRun.RunAsync(server.Url.ToString(), "prune", "--older-than", "30d", "--index", Daily, "--yes");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Contain("Deleted 1 index (2 documents)"), result.ToString());
        var left = await AdminSeeding.IndexNamesAsync(server);
        Assert.That(left, Does.Not.Contain("wt-2020.01.01").And.Contain(fresh));
    }

    [Test]
    public async Task PruneAsJsonSaysWhatWouldGoAndThatNothingWasDeleted()
    {
        var (server, _) = await OldAndFreshAsync();
        await using var __ = server;

        var result = await CliRun.RunAsync(server.Url.ToString(), "prune", "--older-than", "2021-01-01", "--index", Daily, "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        Assert.That(document.RootElement.GetProperty("deleted").GetBoolean(), Is.False);
        Assert.That(document.RootElement.GetProperty("indices").EnumerateArray().Select(i => i.GetProperty("name").GetString()), Is.EqualTo(new[] { "wt-2020.01.01" }));
        Assert.That(await AdminSeeding.IndexNamesAsync(server), Does.Contain("wt-2020.01.01"));
    }

    [Test]
    public async Task PruningAFixedIndexIsRefusedWithTheReadersReasonAsABadArgument()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        await AdminSeeding.EntriesAsync(server, "fixed-traces", "old-run", "2020-01-01T10:00:00Z");

        var result = await CliRun.RunAsync(server.Url.ToString(), "prune", "--older-than", "30d", "--index", "fixed-traces", "--yes");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadArguments), result.ToString());
        Assert.That(result.Error, Does.Contain("fixed index 'fixed-traces'").And.Contain("time-based index name"), result.ToString());
        Assert.That(result.Error, Does.Not.Contain("   at "), result.ToString());
        Assert.That(await AdminSeeding.IndexNamesAsync(server), Does.Contain("fixed-traces"));
    }

    [Test]
    public async Task PruneWithoutAnAgeIsABadArgumentAndTouchesNothing()
    {
        var result = await CliRun.RunAsync("http://127.0.0.1:9", "prune", "--yes");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadArguments), result.ToString());
        Assert.That(result.Error, Does.Contain("--older-than is required"), result.ToString());
    }
}
