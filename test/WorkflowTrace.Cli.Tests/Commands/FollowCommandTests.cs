using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.TestServer;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Commands;

public class FollowCommandTests
{
    static readonly DateTimeOffset Start = RunsSeeding.Start;

    // Waits until the follower has searched at least `count` times, so that what is written next arrives while it follows.
    static async Task SearchedAsync(FakeElasticsearch server, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (server.Requests.Count(r => r.Path.Contains("_search", StringComparison.Ordinal)) < count)
            await Task.Delay(20, timeout.Token);
    }

    static int Occurrences(string text, string value) => text.Split(value).Length - 1;

    [Test]
    public async Task FollowingARunPrintsItsEntriesSoFarThenEachNewOneOnceAndEndsWhenIdle()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        await RunsSeeding.BulkAsync(server, [RunsSeeding.Entry("run-1", Start, "first"), RunsSeeding.Entry("run-1", Start.AddSeconds(1), "second", stage: "extract")]);

        var following = CliRun.RunAsync(server.Url.ToString(), "follow", "run-1", "--interval", "50ms", "--until-idle", "3s");
        await SearchedAsync(server, 2);
        await RunsSeeding.BulkAsync(server, [RunsSeeding.Entry("run-1", Start.AddSeconds(2), "third", level: "error"), RunsSeeding.Entry("run-2", Start.AddSeconds(2), "other run")]);
        await SearchedAsync(server, 4);
        await RunsSeeding.BulkAsync(server, [RunsSeeding.Entry("run-1", Start.AddSeconds(2), "fourth in the same millisecond")]);
        var result = await following;

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        foreach (var message in new[] { "first", "second", "third", "fourth in the same millisecond" })
            Assert.That(Occurrences(result.Output, " " + message + "\n"), Is.EqualTo(1), $"'{message}'\n{result}");
        Assert.That(result.Output, Does.Not.Contain("other run"));
        Assert.That(result.Output, Does.Contain("08:00:01.000 INFO     [extract] second"));
        Assert.That(result.Output, Does.Contain("08:00:02.000 ERROR    third"));
        Assert.That(result.Error, Does.Contain("following run run-1 until idle for 3.0s"));
    }

    [Test]
    public async Task CtrlCStopsFollowingWithExitCode130()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        await RunsSeeding.BulkAsync(server, [RunsSeeding.Entry("run-1", Start, "first")]);
        using var cancellation = new CancellationTokenSource();

        var following = CliRun.RunAsync(server.Url.ToString(), cancellation.Token, "follow", "run-1", "--interval", "50ms");
        await SearchedAsync(server, 3);
        await cancellation.CancelAsync();
        var result = await following;

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Cancelled), result.ToString());
        Assert.That(Occurrences(result.Output, " first\n"), Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("Ctrl+C to stop").And.Not.Contain("   at "));
    }

    [Test]
    public async Task FollowingAWorkflowStartsAtNowAndShowsEachRun()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        var now = DateTimeOffset.UtcNow;
        await RunsSeeding.BulkAsync(server, [RunsSeeding.Entry("run-old", now.AddHours(-1), "before following")]);

        var following = CliRun.RunAsync(server.Url.ToString(), "follow", "--workflow", "etl", "--interval", "50ms", "--until-idle", "3s");
        await SearchedAsync(server, 2);
        await RunsSeeding.BulkAsync(server, [
            RunsSeeding.Entry("run-a", DateTimeOffset.UtcNow, "a is here"),
            RunsSeeding.Entry("run-b", DateTimeOffset.UtcNow, "b is here"),
            RunsSeeding.Entry("run-c", DateTimeOffset.UtcNow, "another workflow", workflow: "report"),
        ]);
        var result = await following;

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Contain("run-a a is here").And.Contain("run-b b is here"));
        Assert.That(result.Output, Does.Not.Contain("before following").And.Not.Contain("another workflow"));
    }

    [Test]
    public async Task FollowingAsJsonWritesOneEntryPerLine()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        await RunsSeeding.BulkAsync(server, [RunsSeeding.Entry("run-1", Start, "first"), RunsSeeding.Entry("run-1", Start.AddSeconds(1), "second")]);

        var result = await CliRun.RunAsync(server.Url.ToString(), "follow", "run-1", "--interval", "50ms", "--until-idle", "1s", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("message").GetString()), Is.EqualTo(new[] { "first", "second" }));
    }

    [TestCase(new string[0], "give a RUN or --workflow NAME")]
    [TestCase(new[] { "run-1", "--workflow", "etl" }, "give a RUN or --workflow NAME")]
    [TestCase(new[] { "run-1", "--interval", "often" }, "--interval: 'often'")]
    [TestCase(new[] { "run-1", "--until-idle", "later" }, "--until-idle: 'later'")]
    [TestCase(new[] { "run-1", "--since", "yesterday" }, "--since: 'yesterday'")]
    public async Task BadArgumentsAreNamed(string[] arguments, string message)
    {
        var result = await CliRun.RunAsync("http://127.0.0.1:9", ["follow", .. arguments]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadArguments), result.ToString());
        Assert.That(result.Error, Does.Contain(message));
    }
}
