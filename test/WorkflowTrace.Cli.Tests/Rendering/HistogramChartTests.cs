using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console.Testing;
using WorkflowTrace.Cli.Rendering;

namespace WorkflowTrace.Cli.Tests.Rendering;

/// <summary>The entries-over-time chart of <c>stats</c> on a console without Unicode: plain ASCII bars.</summary>
public class HistogramChartTests
{
    static readonly DateTimeOffset Midnight = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void WithoutUnicodeBarsAreHashesWithTheErrorPartAsExclamationMarks()
    {
        var console = new TestConsole().Width(120);
        console.Profile.Capabilities.Unicode = false;
        TimeBucket[] buckets = [new(Midnight, 200, 100), new(Midnight.AddDays(1), 0, 0), new(Midnight.AddDays(2), 1, 0)];

        console.Write(HistogramChart.Render(buckets, TimeSpan.FromDays(1), unicode: false));

        var lines = console.Lines.Select(l => l.TrimEnd()).ToList();
        Assert.That(lines[0], Does.Match(@"^2026-11-30\s+!{25}#{25}\s+200\s+100 errors$"), console.Output);
        Assert.That(lines[1], Does.Match(@"^2026-12-01\s+0$"), "an empty day has no bar");
        Assert.That(lines[2], Does.Match(@"^2026-12-02\s+#\s+1$"), "one entry of 200 (a quarter of a character) still shows");
    }
}
