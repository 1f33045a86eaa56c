using System.Text.Json;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;
using static WorkflowTrace.Cli.Tests.Support.StatsSeeding;

namespace WorkflowTrace.Cli.Tests.Commands;

/// <summary>
/// Issue 16, <c>stats</c>, over <see cref="StatsSeeding.Known"/> on its day. By hand: etl has 4 runs (10, 20, 30,
/// 40 s), 8 entries, 3 errors (37.5%), p50 20 s and p95 40 s by nearest rank (ranks ⌈2⌉ and ⌈3.8⌉ of 4); billing has
/// 2 runs (5 and 100 s), 4 entries, 1 error (25.0%), p50 5 s, p95 1m 40s (ranks ⌈1⌉ and ⌈1.9⌉ of 2). Levels: info 6,
/// error 3, critical, debug and warning 1 each, of 12. Per hour from midnight: 4 (1 error), 2 (1), 4 (1), 2 (1).
/// </summary>
public class StatsCommandTests
{
    static readonly string[] OnTheDay = ["--since", Day.ToString("O"), "--until", Day.AddDays(1).ToString("O")];

    [Test]
    public async Task EachWorkflowHasItsRunsEntriesErrorsErrorRateAndRunDurationPercentiles()
    {
        await using var server = await StartAsync(Known());

        var result = await CliRun.RunAsync(server.Url.ToString(), ["stats", .. OnTheDay, "--interval", "1h"]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Match(@"etl\W+4\W+8\W+3\W+37\.5%\W+20\.0s\W+40\.0s\W"), result.ToString());
            Assert.That(result.Output, Does.Match(@"billing\W+2\W+4\W+1\W+25\.0%\W+5\.0s\W+1m 40s\W"), result.ToString());
            Assert.That(result.Output.IndexOf("etl", StringComparison.Ordinal), Is.LessThan(result.Output.IndexOf("billing", StringComparison.Ordinal)), "most entries first");
        });
    }

    [Test]
    public async Task LevelsAreCountedWithTheirShare()
    {
        await using var server = await StartAsync(Known());

        var result = await CliRun.RunAsync(server.Url.ToString(), ["stats", .. OnTheDay]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Match(@"\binfo\W+6\W+50\.0%"), result.ToString());
            Assert.That(result.Output, Does.Match(@"\berror\W+3\W+25\.0%"), result.ToString());
            Assert.That(result.Output, Does.Match(@"\bcritical\W+1\W+8\.3%"), result.ToString());
            Assert.That(result.Output, Does.Match(@"\bdebug\W+1\W+8\.3%"), result.ToString());
            Assert.That(result.Output, Does.Match(@"\bwarning\W+1\W+8\.3%"), result.ToString());
        });
    }

    [Test]
    public async Task EntriesOverTimeAreBarsAsLongAsTheirShareOfTheBusiestIntervalWithTheErrorPartMarked()
    {
        await using var server = await StartAsync(Known());

        var result = await CliRun.RunAsync(server.Url.ToString(), ["stats", .. OnTheDay, "--interval", "1h"]);

        // The busiest hour (4 entries) is a full bar of 50; 1 error in it is 12.5, rounded to 13 (shaded); 2 entries are 25.
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Contain("one bar per 1h, errors as ▓"), result.ToString());
            Assert.That(result.Output, Does.Match(@"2026-11-30 00:00\s+▓{13}█{37}\s+4\s+1 error(?!s)"), result.ToString());
            Assert.That(result.Output, Does.Match(@"2026-11-30 01:00\s+▓{13}█{12}\s+2\s+1 error(?!s)"), result.ToString());
            Assert.That(result.Output, Does.Match(@"2026-11-30 02:00\s+▓{13}█{37}\s+4\s+1 error(?!s)"), result.ToString());
            Assert.That(result.Output, Does.Match(@"2026-11-30 03:00\s+▓{13}█{12}\s+2\s+1 error(?!s)"), result.ToString());
            Assert.That(result.Output, Does.Not.Contain("2026-11-30 04:00"), "the chart ends at the last entry's hour");
        });
    }

    [Test]
    public async Task OneWorkflowsStatisticsLeaveTheOthersOut()
    {
        await using var server = await StartAsync(Known());

        var result = await CliRun.RunAsync(server.Url.ToString(), ["stats", .. OnTheDay, "--workflow", "billing"]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Match(@"billing\W+2\W+4\W+1\W+25\.0%"), result.ToString());
        Assert.That(result.Output, Does.Not.Contain("etl"), result.ToString());
        Assert.That(result.Output, Does.Match(@"\binfo\W+2\W+50\.0%"), result.ToString());
    }

    [Test]
    public async Task JsonIsOneDocumentWithTheWorkflowsTheLevelsAndTheHistogram()
    {
        await using var server = await StartAsync(Known());

        var result = await CliRun.RunAsync(server.Url.ToString(), ["stats", .. OnTheDay, "--interval", "1h", "--json"]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        var root = document.RootElement;
        var etl = root.GetProperty("workflows")[0];
        Assert.Multiple(() =>
        {
            Assert.That(etl.GetProperty("workflow").GetString(), Is.EqualTo("etl"));
            Assert.That(etl.GetProperty("runs").GetInt64(), Is.EqualTo(4));
            Assert.That(etl.GetProperty("errors").GetInt64(), Is.EqualTo(3));
            Assert.That(etl.GetProperty("errorRate").GetDouble(), Is.EqualTo(0.375));
            Assert.That(etl.GetProperty("p50Ms").GetDouble(), Is.EqualTo(20_000));
            Assert.That(etl.GetProperty("p95Ms").GetDouble(), Is.EqualTo(40_000));
            Assert.That(etl.GetProperty("durationsEstimated").GetBoolean(), Is.False);
            Assert.That(root.GetProperty("workflows")[1].GetProperty("p95Ms").GetDouble(), Is.EqualTo(100_000));
            Assert.That(root.GetProperty("levels").EnumerateArray().Select(l => $"{l.GetProperty("level").GetString()}={l.GetProperty("count").GetInt64()}"),
                Is.EqualTo(new[] { "info=6", "error=3", "critical=1", "debug=1", "warning=1" }));
            Assert.That(root.GetProperty("histogram").EnumerateArray().Select(b => b.GetProperty("entries").GetInt64()), Is.EqualTo(new long[] { 4, 2, 4, 2 }));
            Assert.That(root.GetProperty("intervalMs").GetInt64(), Is.EqualTo(3_600_000));
        });
    }

    [Test]
    public async Task WithoutAnIntervalTheChartHasAtMostFortyEightBarsOverTheRange()
    {
        await using var server = await StartAsync(Known());

        var result = await CliRun.RunAsync(server.Url.ToString(), ["stats", .. OnTheDay, "--json"]);

        // A day in at most 48 bars: 30 minutes each.
        using var document = JsonDocument.Parse(result.Output);
        Assert.That(document.RootElement.GetProperty("intervalMs").GetInt64(), Is.EqualTo(30 * 60_000), result.ToString());
    }

    [Test]
    public async Task AnEmptyRangeSaysSo()
    {
        await using var server = await StartAsync(Known());

        var result = await CliRun.RunAsync(server.Url.ToString(), "stats", "--since", Day.AddDays(5).ToString("O"), "--until", Day.AddDays(6).ToString("O"));

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Contain("No entries in this range."), result.ToString());
    }

    [TestCase("--interval", "0s", "--interval")]
    [TestCase("--interval", "1s", "--interval")]
    [TestCase("--interval", "often", "--interval")]
    [TestCase("--until", "2026-11-29T00:00:00Z", "--until")]
    [TestCase("--max-durations", "0", "--max-durations")]
    public async Task ABadArgumentIsRefusedNamingIt(string flag, string value, string named)
    {
        await using var server = await StartAsync(Known());

        var result = await CliRun.RunAsync(server.Url.ToString(), "stats", "--since", Day.ToString("O"), flag, value);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadArguments), result.ToString());
        Assert.That(result.Error, Does.Contain(named).And.Not.Contain("   at "), result.ToString());
    }
}
