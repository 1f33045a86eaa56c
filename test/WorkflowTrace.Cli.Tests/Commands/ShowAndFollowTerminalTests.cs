using Serilog.Sinks.WorkflowTrace.TestServer;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Commands;

/// <summary><c>show</c> and <c>follow</c> as a person sees them: the tool run in a real terminal (tmux).</summary>
public class ShowAndFollowTerminalTests
{
    [SetUp]
    public void RequireTmux()
    {
        if (!TmuxTerminal.Available) Assert.Ignore("tmux is not installed (Debian: apt-get install tmux)");
    }

    [Test]
    public async Task ShowDrawsTheTreeTimelineAndEntriesInATerminal()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        await RunsSeeding.BulkAsync(server, RunsSeeding.Run("run-42", RunsSeeding.Start, fail: true)
            .Concat(RunsSeeding.Run("run-43", RunsSeeding.Start.AddSeconds(1), workflow: "child", parent: "run-42")));
        using var terminal = TmuxTerminal.Start(server.Url.ToString(), "show", "run-42");

        var screen = await terminal.WaitForAsync("EXIT=");

        Assert.That(screen, Does.Contain($"EXIT={ExitCodes.Success}"), screen);
        Assert.That(screen, Does.Match(@"run-42 etl failed 4\.0s \(8 entries, 1 error\)"), screen);
        Assert.That(screen, Does.Match(@"└── run-43 child succeeded"), screen);
        Assert.That(screen, Does.Match(@"extract\s+█+\s+\+0ms\s+2\.0s\s+succeeded"), screen);
        Assert.That(screen, Does.Match(@"load\s+█+\s+\+2\.1s\s+1\.9s\s+failed"), screen);
        Assert.That(screen, Does.Contain("System.TimeoutException: The database did not answer"), screen);
    }

    [Test]
    public async Task FollowShowsNewEntriesAsTheyArriveAndCtrlCEndsItWith130()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        await RunsSeeding.BulkAsync(server, [RunsSeeding.Entry("run-7", RunsSeeding.Start, "already there")]);
        using var terminal = TmuxTerminal.Start(server.Url.ToString(), "follow", "run-7", "--interval", "200ms");

        await terminal.WaitForAsync("already there");
        await RunsSeeding.BulkAsync(server, [RunsSeeding.Entry("run-7", RunsSeeding.Start.AddSeconds(1), "just arrived", level: "error", stage: "load")]);
        var arrived = await terminal.WaitForAsync("just arrived");
        terminal.SendKeys("C-c");
        var screen = await terminal.WaitForAsync("EXIT=");

        Assert.That(arrived, Does.Contain("08:00:01.000 ERROR    [load] just arrived"), arrived);
        Assert.That(screen, Does.Contain($"EXIT={ExitCodes.Cancelled}"), screen);
        Assert.That(screen, Does.Not.Contain("   at "), screen);
    }
}
