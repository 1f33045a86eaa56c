using WorkflowTrace.Cli.Rendering;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Rendering;

public class TimelineTests
{
    static readonly DateTimeOffset T0 = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    static TimelineStep Step(string stage, string? job, int fromMs, int toMs, StepOutcome outcome) =>
        new(stage, job, T0.AddMilliseconds(fromMs), T0.AddMilliseconds(toMs), TimeSpan.FromMilliseconds(toMs - fromMs), outcome);

    [Test]
    public void ABarIsPlacedAndScaledOnTheRunsAxis()
    {
        var bar = Spectre.Console.Markup.Remove(Timeline.Bar(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(10), 20, "green"));

        Assert.That(bar, Is.EqualTo(new string(' ', 10) + new string('█', 5) + new string(' ', 5)));
    }

    [Test]
    public void AnInstantStepStillGetsOneBlock()
    {
        var bar = Spectre.Console.Markup.Remove(Timeline.Bar(TimeSpan.FromSeconds(10), TimeSpan.Zero, TimeSpan.FromSeconds(10), 20, "green"));

        Assert.That(bar, Is.EqualTo(new string(' ', 19) + "█"));
    }

    [Test]
    public void EachStepIsARowWithItsBarStartDurationAndOutcomeInWords()
    {
        var text = RenderedText.Of(Timeline.Render([
            Step("extract", null, 0, 2_000, StepOutcome.Succeeded),
            Step("extract", "download", 500, 1_500, StepOutcome.Succeeded),
            Step("load", null, 2_000, 4_000, StepOutcome.Failed),
            Step("report", null, 3_000, 4_000, StepOutcome.Unfinished),
        ], T0, T0.AddSeconds(4), 120));

        TestContext.Out.WriteLine(text);
        Assert.That(text, Does.Match(@"0\s+4\.0s"), "the axis runs from 0 to the run's length");
        Assert.That(text, Does.Match(@"extract\s+█+\s+\+0ms\s+2\.0s\s+succeeded"));
        Assert.That(text, Does.Match(@"  download\s+█+\s+\+500ms\s+1\.0s\s+succeeded"));
        Assert.That(text, Does.Match(@"load\s+█+\s+\+2\.0s\s+2\.0s\s+failed"));
        Assert.That(text, Does.Match(@"report\s+█+\s+\+3\.0s\s+1\.0s\s+unfinished"));
        var lines = text.Split('\n');
        var extract = lines.First(l => l.Contains("extract", StringComparison.Ordinal));
        var load = lines.First(l => l.TrimStart().StartsWith("load ", StringComparison.Ordinal));
        Assert.That(extract.Count(c => c == '█'), Is.EqualTo(load.Count(c => c == '█')).Within(1), "equal durations, equal bars");
        Assert.That(extract.LastIndexOf('█') + 1, Is.EqualTo(load.IndexOf('█')), "load starts where extract ends");
    }

    [Test]
    public void BarsAreColouredByOutcome()
    {
        var text = RenderedText.WithColours(Timeline.Render([
            Step("ok", null, 0, 1_000, StepOutcome.Succeeded),
            Step("bad", null, 1_000, 2_000, StepOutcome.Failed),
        ], T0, T0.AddSeconds(2), 100));

        var lines = text.Split('\n');
        Assert.That(lines.First(l => l.Contains("ok", StringComparison.Ordinal)), Does.Contain("\u001b[32m█"), "green");
        Assert.That(lines.First(l => l.Contains("bad", StringComparison.Ordinal)), Does.Match("\u001b\\[(31|91)m█"), "red");
    }

    [TestCase(60)]
    [TestCase(300)]
    public void TheBarsFitTheConsoleWidth(int width)
    {
        var text = RenderedText.Of(Timeline.Render([Step("a", null, 0, 1_000, StepOutcome.Succeeded)], T0, T0.AddSeconds(1), width), width);

        Assert.That(text.Split('\n').Max(l => l.TrimEnd().Length), Is.LessThanOrEqualTo(width));
    }
}
