using System.Text.RegularExpressions;
using Serilog.Sinks.WorkflowTrace.TestServer;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Terminal;

/// <summary>
/// The built tool in a real terminal (tmux, 120 × 40): what a person sees of <c>health</c>, <c>show</c> and
/// <c>follow</c> against a loopback server, colours included — not the test console's plain text.
/// </summary>
[NonParallelizable]
public class RealTerminalTests
{
    const int Columns = 120;
    const int Rows = 40;

    static string Tool => Path.Combine(TestContext.CurrentContext.TestDirectory, "workflow-trace.dll");

    static TmuxSession Start(FakeElasticsearch server, params string[] args) =>
        TmuxSession.Start(Columns, Rows, new Dictionary<string, string> { ["WORKFLOWTRACE_ES_URL"] = server.Url.ToString() }, ["dotnet", Tool, .. args]);

    [Test]
    public async Task HealthInATerminalShowsTheStatusGridAndExitsZero()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using var terminal = Start(server, "health");

        var screen = await terminal.WaitForAsync("[exit");

        Assert.That(screen, Does.Match(@"Status\s+(green|yellow)"), screen);
        Assert.That(screen, Does.Contain("[exit 0]"), screen);
    }

    [Test]
    public async Task ShowInATerminalDrawsTheTimelineBarsOnOneAxisAndTheFailureInRed()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        await RunsSeeding.BulkAsync(server, RunsSeeding.Run("term-show-1", RunsSeeding.Start, fail: true));
        using var terminal = Start(server, "show", "term-show-1");

        var screen = await terminal.WaitForAsync("[exit");

        Assert.That(screen, Does.Contain("[exit 0]"), screen);
        Assert.That(screen, Does.Contain("Timeline"), screen);
        var bars = Regex.Matches(screen, @"^\s*(extract|download|load)\s+(█+)", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => (Offset: m.Groups[2].Index - screen.LastIndexOf('\n', m.Index) - 1, Length: m.Groups[2].Length));
        Assert.That(bars.Keys, Is.EquivalentTo(new[] { "extract", "download", "load" }), screen);
        Assert.That(bars["download"].Offset, Is.GreaterThan(bars["extract"].Offset), "download starts after extract, on the same axis");
        Assert.That(bars["load"].Offset, Is.GreaterThanOrEqualTo(bars["extract"].Offset + bars["extract"].Length - 1), "load follows extract");
        Assert.That(bars["extract"].Length, Is.GreaterThan(bars["download"].Length), "a 2 s stage is drawn longer than its 1 s job");
        Assert.That(screen, Does.Match(@"load\s+.*failed"), screen);

        var coloured = terminal.Screen(withEscapes: true);
        var failedLine = coloured.Split('\n').First(line => line.Contains("Stage load failed", StringComparison.Ordinal));
        Assert.That(failedLine, Does.Match(@"\x1b\[(\d+;)*(31|91|38;5;(1|9))m"), "the error entry is red on screen: " + failedLine);
    }

    [Test]
    public async Task FollowInATerminalPrintsEntriesAsTheyArriveAndCtrlCEndsIt()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        var start = DateTimeOffset.UtcNow.AddSeconds(-5);
        await RunsSeeding.BulkAsync(server, [RunsSeeding.Entry("term-follow-1", start, "First step done")]);
        using var terminal = Start(server, "follow", "term-follow-1", "--interval", "200ms");
        await terminal.WaitForAsync("First step done");

        await RunsSeeding.BulkAsync(server, [RunsSeeding.Entry("term-follow-1", start.AddSeconds(1), "Second step done", stage: "load")]);
        await RunsSeeding.BulkAsync(server, [RunsSeeding.Entry("term-follow-1", start.AddSeconds(2), "Third step broke", level: "error", stage: "load")]);
        var screen = await terminal.WaitForAsync("Third step broke");

        Assert.That(screen.IndexOf("First step done", StringComparison.Ordinal), Is.LessThan(screen.IndexOf("Second step done", StringComparison.Ordinal)), screen);
        Assert.That(screen, Does.Not.Contain("[exit"), "follow keeps following until Ctrl+C");
        terminal.SendKeys("C-c");
        screen = await terminal.WaitForAsync("[exit");
        Assert.That(screen, Does.Contain("[exit 130]"), screen);
        Assert.That(screen, Does.Not.Contain("   at "), "no stack trace on Ctrl+C");
    }
}
