using System.Text.Json;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;
using static WorkflowTrace.Cli.Tests.Support.StatsSeeding;

namespace WorkflowTrace.Cli.Tests.Commands;

/// <summary>Issue 16, <c>errors</c>: errors since a time grouped by workflow and exception type, most frequent first.</summary>
public class ErrorsCommandTests
{
    static readonly string Since = Day.ToString("O");
    static readonly string Until = Day.AddDays(1).ToString("O");

    [Test]
    public async Task ErrorsAreGroupedByWorkflowAndExceptionTypeMostFrequentFirst()
    {
        await using var server = await StartAsync(Known());

        var result = await CliRun.RunAsync(server.Url.ToString(), "errors", "--since", Since, "--until", Until);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        var lines = result.Output.Split('\n');
        var timeout = Array.FindIndex(lines, l => l.Contains("TimeoutException"));
        var keyError = Array.FindIndex(lines, l => l.Contains("KeyError"));
        var invalid = Array.FindIndex(lines, l => l.Contains("InvalidOperationException"));
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Contain("4 errors in 3 groups"), result.ToString());
            // etl's two timeouts (etl-2, etl-3; etl-0's is before --since), the latest's message as the sample.
            Assert.That(lines[timeout], Does.Match(@"etl\W+TimeoutException\W+2\W+2\W+2026-11-30 02:00:30\W+etl-3\W+api timed out"));
            Assert.That(lines[keyError], Does.Match(@"etl\W+KeyError\W+1\W+1\W+2026-11-30 03:00:40\W+etl-4\W+missing key 'id'"));
            Assert.That(lines[invalid], Does.Match(@"billing\W+InvalidOperationException\W+1\W+1\W+2026-11-30 00:31:40\W+bill-1\W+ledger locked"));
            Assert.That(new[] { timeout, keyError, invalid }, Is.Ordered, "most frequent first, then the most recently seen");
            Assert.That(result.Output, Does.Not.Contain("old timeout"));
        });
    }

    [Test]
    public async Task ErrorsOfOneWorkflowLeaveTheOthersOut()
    {
        await using var server = await StartAsync(Known());

        var result = await CliRun.RunAsync(server.Url.ToString(), "errors", "--since", Since, "--workflow", "billing");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Contain("1 error in 1 group").And.Contain("InvalidOperationException"), result.ToString());
        Assert.That(result.Output, Does.Not.Contain("TimeoutException").And.Not.Contain("KeyError"), result.ToString());
    }

    [Test]
    public async Task SinceCountsBackFromNowForARelativeTime()
    {
        var now = DateTimeOffset.UtcNow;
        await using var server = await StartAsync(
        [
            Entry("recent", now.AddHours(-1), "error", "failed", "etl", "TimeoutException", "recent timeout"),
            Entry("older", now.AddHours(-30), "error", "failed", "etl", "IOException", "older failure"),
        ]);

        var day = await CliRun.RunAsync(server.Url.ToString(), "errors", "--since", "24h");
        var twoDays = await CliRun.RunAsync(server.Url.ToString(), "errors", "--since", "2d");

        Assert.That(day.Output, Does.Contain("recent timeout").And.Not.Contain("IOException"), day.ToString());
        Assert.That(twoDays.Output, Does.Contain("recent timeout").And.Contain("IOException"), twoDays.ToString());
    }

    [Test]
    public async Task ErrorsAsJsonIsOneDocumentWithEveryGroup()
    {
        await using var server = await StartAsync(Known());

        var result = await CliRun.RunAsync(server.Url.ToString(), "errors", "--since", Since, "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        var groups = document.RootElement.GetProperty("groups").EnumerateArray().ToList();
        Assert.That(groups.Select(g => $"{g.GetProperty("workflow").GetString()}/{g.GetProperty("exceptionType").GetString()}/{g.GetProperty("count").GetInt64()}"),
            Is.EqualTo(new[] { "etl/TimeoutException/2", "etl/KeyError/1", "billing/InvalidOperationException/1" }));
        Assert.That(groups[0].GetProperty("runsAffected").GetInt32(), Is.EqualTo(2));
        Assert.That(groups[0].GetProperty("sampleMessage").GetString(), Is.EqualTo("api timed out"));
        Assert.That(groups[0].GetProperty("lastSeen").GetDateTimeOffset(), Is.EqualTo(Day.AddHours(2).AddSeconds(30)));
    }

    [Test]
    public async Task NoErrorsSaysSoAndSucceeds()
    {
        await using var server = await StartAsync([Entry("fine", Day, "info", "all good", "etl")]);

        var result = await CliRun.RunAsync(server.Url.ToString(), "errors", "--since", Since);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Contain("No errors since 2026-11-30 00:00:00 UTC"), result.ToString());
    }

    [Test]
    public async Task ABadSinceIsABadArgumentNamingTheOption()
    {
        await using var server = await StartAsync(Known());

        var result = await CliRun.RunAsync(server.Url.ToString(), "errors", "--since", "yesterday-ish");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadArguments), result.ToString());
        Assert.That(result.Error, Does.Contain("--since").And.Contain("yesterday-ish").And.Not.Contain("   at "));
    }
}
