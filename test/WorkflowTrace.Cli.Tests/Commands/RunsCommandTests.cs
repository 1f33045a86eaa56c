using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.TestServer;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Commands;

public class RunsCommandTests
{
    static readonly DateTimeOffset Start = RunsSeeding.Start;

    static async Task<FakeElasticsearch> ServerWithRunsAsync()
    {
        var server = await FakeElasticsearch.StartAsync();
        await RunsSeeding.BulkAsync(server, RunsSeeding.Run("run-old", Start)
            .Concat(RunsSeeding.Run("run-failed", Start.AddHours(1), fail: true))
            .Concat(RunsSeeding.Run("run-child", Start.AddHours(1).AddSeconds(1), workflow: "child", parent: "run-failed"))
            .Append(RunsSeeding.Entry("run-other", Start.AddHours(2), "only one", workflow: "report", tenant: "acme", environment: "prod", user: "ada")));
        return server;
    }

    [Test]
    public async Task RunsAreListedMostRecentFirstWithStatusStartDurationEntriesAndErrors()
    {
        await using var server = await ServerWithRunsAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), "runs");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        TestContext.Out.WriteLine(result.Output);
        var lines = result.Output.Split('\n');
        int Row(string run) => Array.FindIndex(lines, l => l.Contains(run + " ", StringComparison.Ordinal));
        Assert.That(new[] { Row("run-other"), Row("run-child"), Row("run-failed"), Row("run-old") }, Is.Ordered.And.All.GreaterThanOrEqualTo(0), result.ToString());
        Assert.That(lines[Row("run-failed")], Does.Match(@"run-failed\s+etl\s+failed\s+2026-12-05 09:00:00\s+4\.0s\s+8\s+1\b"));
        Assert.That(lines[Row("run-old")], Does.Match(@"run-old\s+etl\s+succeeded\s+2026-12-05 08:00:00\s+4\.0s\s+8\s+0\b"));
        Assert.That(lines[Row("run-other")], Does.Match(@"run-other\s+report\s+unknown\s+2026-12-05 10:00:00\s+0ms\s+1\s+0\b"));
    }

    [TestCase(new[] { "--workflow", "etl" }, new[] { "run-failed", "run-old" })]
    [TestCase(new[] { "--status", "failed" }, new[] { "run-failed" })]
    [TestCase(new[] { "--status", "Unknown" }, new[] { "run-other" })]
    [TestCase(new[] { "--parent", "run-failed" }, new[] { "run-child" })]
    [TestCase(new[] { "--tenant", "acme" }, new[] { "run-other" })]
    [TestCase(new[] { "--environment", "prod" }, new[] { "run-other" })]
    [TestCase(new[] { "--user", "ada" }, new[] { "run-other" })]
    [TestCase(new[] { "--since", "2026-12-05T09:30:00Z" }, new[] { "run-other" })]
    [TestCase(new[] { "--until", "2026-12-05T08:30:00Z" }, new[] { "run-old" })]
    [TestCase(new[] { "--since", "2026-12-05T08:30:00", "--until", "2026-12-05T09:30:00+00:00" }, new[] { "run-child", "run-failed" })]
    public async Task EachFilterNarrowsTheList(string[] filter, string[] expected)
    {
        await using var server = await ServerWithRunsAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), ["runs", "--json", .. filter]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        var runs = document.RootElement.EnumerateArray().Select(r => r.GetProperty("runId").GetString()).ToList();
        Assert.That(runs, Is.EqualTo(expected), result.ToString());
    }

    [Test]
    public async Task ARelativeSinceCountsBackFromNow()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        var now = DateTimeOffset.UtcNow;
        await RunsSeeding.BulkAsync(server, RunsSeeding.Run("run-recent", now.AddHours(-2)).Concat(RunsSeeding.Run("run-last-week", now.AddDays(-8))));

        var day = await CliRun.RunAsync(server.Url.ToString(), "runs", "--since", "24h");
        var fortnight = await CliRun.RunAsync(server.Url.ToString(), "runs", "--since", "14d");

        Assert.That(day.Output, Does.Contain("run-recent").And.Not.Contain("run-last-week"), day.ToString());
        Assert.That(fortnight.Output, Does.Contain("run-recent").And.Contain("run-last-week"), fortnight.ToString());
    }

    [Test]
    public async Task TheLimitKeepsTheMostRecentRunsAndClosesThePointInTime()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        await RunsSeeding.BulkAsync(server, Enumerable.Range(0, 5).SelectMany(i => RunsSeeding.Run($"run-{i}", Start.AddMinutes(i))));

        var result = await CliRun.RunAsync(server.Url.ToString(), "runs", "--limit", "2", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        Assert.That(document.RootElement.EnumerateArray().Select(r => r.GetProperty("runId").GetString()), Is.EqualTo(new[] { "run-4", "run-3" }));
        Assert.That(server.SearchContexts.OpenPointsInTime, Is.Zero, "the listing's point in time is left open");
    }

    [Test]
    public async Task RunsAsJsonIsOneArrayOfSummaries()
    {
        await using var server = await ServerWithRunsAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), "runs", "--json", "--workflow", "etl");

        using var document = JsonDocument.Parse(result.Output);
        var failed = document.RootElement.EnumerateArray().First();
        Assert.That(failed.GetProperty("runId").GetString(), Is.EqualTo("run-failed"));
        Assert.That(failed.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(failed.GetProperty("entries").GetInt64(), Is.EqualTo(8));
        Assert.That(failed.GetProperty("errors").GetInt64(), Is.EqualTo(1));
        Assert.That(failed.GetProperty("workflowName").GetString(), Is.EqualTo("etl"));
    }

    [Test]
    public async Task NoMatchingRunSaysSoAndSucceeds()
    {
        await using var server = await ServerWithRunsAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), "runs", "--workflow", "nothing");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Contain("No runs match."));
    }

    [TestCase("--status", "broken", "--status: 'broken'")]
    [TestCase("--since", "yesterday", "--since: 'yesterday'")]
    [TestCase("--until", "7x", "--until: '7x'")]
    [TestCase("--limit", "0", "--limit must be at least 1")]
    public async Task ABadOptionIsNamedWithTheBadArgumentsExitCode(string option, string value, string message)
    {
        var result = await CliRun.RunAsync("http://127.0.0.1:9", "runs", option, value);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadArguments), result.ToString());
        Assert.That(result.Error, Does.Contain(message));
    }

    [Test]
    public async Task AMissingIndexHasItsOwnExitCode()
    {
        await using var server = await FakeElasticsearch.StartAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), "runs");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.IndexMissing), result.ToString());
        Assert.That(result.Error, Does.Contain("workflow-traces"));
    }
}
