using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;
using static WorkflowTrace.Cli.Tests.Support.StatsSeeding;

namespace WorkflowTrace.Cli.Tests.Commands;

/// <summary>Issue 16, <c>search</c>: the reader's query as flags, one line per entry or ndjson, stopping at --limit.</summary>
public class SearchCommandTests
{
    static readonly string Since = Day.ToString("O");

    // The workflow/run column of a line.
    static string Where(string line) => System.Text.RegularExpressions.Regex.Match(line, @"\s(\S+/\S+)\s").Groups[1].Value;

    static string[] Lines(CliResult result) => result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Test]
    public async Task EntriesOfALevelAndWorkflowAreOneLineEachOldestFirst()
    {
        await using var server = await StartAsync(Known());

        var result = await CliRun.RunAsync(server.Url.ToString(), "search", "--workflow", "etl", "--level", "error", "--since", Since);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(Lines(result), Is.EqualTo(new[]
        {
            "2026-11-30 01:00:20.000 ERROR    etl/etl-2 step failed — TimeoutException: db timed out after 30s",
            "2026-11-30 02:00:30.000 ERROR    etl/etl-3 step failed — TimeoutException: api timed out",
            "2026-11-30 03:00:40.000 ERROR    etl/etl-4 step failed — KeyError: missing key 'id'",
        }), result.ToString());
    }

    [Test]
    public async Task NewestFirstReversesTheOrderAndLevelsRepeat()
    {
        await using var server = await StartAsync(Known());

        var result = await CliRun.RunAsync(server.Url.ToString(), "search", "--level", "critical", "--level", "WARNING", "--newest-first");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(Lines(result).Select(l => l[..19]), Is.EqualTo(new[] { "2026-11-30 03:00:00", "2026-11-30 00:31:40" }), result.ToString());
        Assert.That(Lines(result)[0], Does.Contain("WARNING").And.Contain("etl/etl-4 slow source"));
        Assert.That(Lines(result)[1], Does.Contain("CRITICAL").And.Contain("billing/bill-1"));
    }

    [Test]
    public async Task TextMatchesTheExceptionMessageAndTimeBoundsApply()
    {
        await using var server = await StartAsync(Known());

        var all = await CliRun.RunAsync(server.Url.ToString(), "search", "--text", "timed");
        var early = await CliRun.RunAsync(server.Url.ToString(), "search", "--text", "timed", "--since", Since, "--until", Day.AddHours(2).ToString("O"));

        Assert.That(Lines(all).Select(Where), Is.EqualTo(new[] { "etl/etl-2", "etl/etl-3" }), all.ToString());
        Assert.That(Lines(early).Select(Where), Is.EqualTo(new[] { "etl/etl-2" }), early.ToString());
    }

    [Test]
    public async Task TagsMatchAnyOfThemOrAllOfThemWithAllTags()
    {
        await using var server = await StartAsync(Known());

        var any = await CliRun.RunAsync(server.Url.ToString(), "search", "--tag", "db", "--tag", "api");
        var all = await CliRun.RunAsync(server.Url.ToString(), "search", "--tag", "db", "--tag", "nightly", "--all-tags");

        Assert.That(Lines(any), Has.Length.EqualTo(2).And.Some.Contains("etl/etl-2").And.Some.Contains("etl/etl-3"), any.ToString());
        Assert.That(Lines(all), Has.Length.EqualTo(1).And.All.Contains("etl/etl-2"), all.ToString());
    }

    [Test]
    public async Task JsonIsOneEntryPerLine()
    {
        await using var server = await StartAsync(Known());

        var result = await CliRun.RunAsync(server.Url.ToString(), "search", "--workflow", "billing", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        var entries = Lines(result).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.That(entries.Select(e => e.GetProperty("runId").GetString()), Is.EqualTo(new[] { "bill-1", "bill-1", "bill-2", "bill-2" }));
        Assert.That(entries[1].GetProperty("exceptionType").GetString(), Is.EqualTo("InvalidOperationException"));
        Assert.That(entries[1].TryGetProperty("metadataJson", out _), Is.False, "metadata is written once, as JSON");
        Assert.That(result.Error, Is.Empty);
    }

    [Test]
    public async Task LimitStopsReadingAfterTheFirstPage()
    {
        // 1,500 entries are two pages of the reader's 1,000; --limit 5 must not fetch the second.
        var documents = Enumerable.Range(0, 1_500).Select(i => Entry($"bulk-{i % 10}", Day.AddSeconds(i), "info", $"entry {i}", "bulk"));
        await using var server = await StartAsync(documents);

        var result = await CliRun.RunAsync(server.Url.ToString(), "search", "--limit", "5");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(Lines(result), Has.Length.EqualTo(5), result.ToString());
        Assert.That(Lines(result)[4], Does.EndWith("entry 4"));
        Assert.That(result.Error, Does.Contain("stopped at --limit 5"));
        var searches = server.Requests.Count(r => r.Method == "POST" && r.Path.Contains("_search", StringComparison.Ordinal));
        Assert.That(searches, Is.EqualTo(1), "one page read");
    }

    [Test]
    public async Task TheDefaultLimitIsAHundred()
    {
        var documents = Enumerable.Range(0, 150).Select(i => Entry("many", Day.AddSeconds(i), "info", $"entry {i}", "bulk"));
        await using var server = await StartAsync(documents);

        var result = await CliRun.RunAsync(server.Url.ToString(), "search");

        Assert.That(Lines(result), Has.Length.EqualTo(100), result.ToString());
    }

    [TestCase("--level", "loud", "--level")]
    [TestCase("--limit", "0", "--limit")]
    [TestCase("--all-tags", null, "--tag")]
    [TestCase("--until", "not-a-time", "--until")]
    public async Task ABadArgumentIsRefusedNamingIt(string flag, string? value, string named)
    {
        await using var server = await StartAsync(Known());

        var result = await CliRun.RunAsync(server.Url.ToString(), value is null ? ["search", flag] : ["search", flag, value]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadArguments), result.ToString());
        Assert.That(result.Error, Does.Contain(named).And.Not.Contain("   at "), result.ToString());
    }

    [Test]
    public async Task NothingMatchingSaysSoOnStandardError()
    {
        await using var server = await StartAsync(Known());

        var result = await CliRun.RunAsync(server.Url.ToString(), "search", "--user", "nobody");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Is.Empty);
        Assert.That(result.Error, Does.Contain("no entry matches"));
    }
}
