using Serilog.Sinks.WorkflowTrace.Reading;
using WorkflowTrace.Cli.Rendering;

namespace WorkflowTrace.Cli.Tests.Rendering;

public class TimelineStepsTests
{
    static readonly DateTimeOffset T0 = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
    static int _id;

    static TraceEntry Entry(int ms, string? stage = null, string? job = null, double? duration = null, string? outcome = null, string level = "info") => new()
    {
        Id = $"e{Interlocked.Increment(ref _id)}",
        Datetime = T0.AddMilliseconds(ms),
        Level = level,
        StageName = stage,
        JobName = job,
        DurationMs = duration,
        MetadataJson = outcome is null ? "{}" : $"{{\"Outcome\":\"{outcome}\"}}",
    };

    [Test]
    public void AStageSpansFromItsFirstToItsLastEntryAndItsClosingEventGivesOutcomeAndDuration()
    {
        var steps = TimelineSteps.From([Entry(100, "build"), Entry(900, "build"), Entry(1_000, "build", duration: 950, outcome: "succeeded")]);

        var build = steps.Single();
        Assert.That((build.Stage, build.Job, build.Outcome), Is.EqualTo(("build", (string?)null, StepOutcome.Succeeded)));
        Assert.That(build.Start, Is.EqualTo(T0.AddMilliseconds(50)), "the closing event's duration reaches back before the first entry");
        Assert.That(build.End, Is.EqualTo(T0.AddMilliseconds(1_000)));
        Assert.That(build.Duration, Is.EqualTo(TimeSpan.FromMilliseconds(950)));
    }

    [Test]
    public void AStepWithoutClosingEventIsUnfinishedAndLastsFromItsFirstToItsLastEntry()
    {
        var step = TimelineSteps.From([Entry(200, "deploy"), Entry(700, "deploy", level: "warning")]).Single();

        Assert.That(step.Outcome, Is.EqualTo(StepOutcome.Unfinished));
        Assert.That(step.Duration, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
    }

    [Test]
    public void AFailedJobIsFailedAndItsStageIsNotClosedByIt()
    {
        var steps = TimelineSteps.From([
            Entry(0, "test"),
            Entry(100, "test", "unit"),
            Entry(400, "test", "unit", duration: 300, outcome: "failed", level: "error"),
        ]);

        Assert.That(steps.Select(s => (s.Label, s.Outcome)), Is.EqualTo(new[] { ("test", StepOutcome.Unfinished), ("  unit", StepOutcome.Failed) }));
    }

    [Test]
    public void StepsComeByStartEachStageFollowedByItsJobs()
    {
        var steps = TimelineSteps.From([
            Entry(0, "extract"),
            Entry(10, "extract", "b"),
            Entry(5, "extract", "a"),
            Entry(20, null, "standalone"),
            Entry(30, "load"),
            Entry(40, "extract"),
        ]);

        Assert.That(steps.Select(s => s.Label), Is.EqualTo(new[] { "extract", "  a", "  b", "standalone", "load" }));
    }

    [Test]
    public void AnEntryWithADurationButNoOutcomeClosesItsStepOnlyWhenItIsTheLast()
    {
        var closed = TimelineSteps.From([Entry(0, "py"), Entry(500, "py", duration: 500, level: "error")]).Single();
        var notLast = TimelineSteps.From([Entry(0, "py"), Entry(100, "py", duration: 42), Entry(500, "py")]).Single();

        Assert.That(closed.Outcome, Is.EqualTo(StepOutcome.Failed));
        Assert.That(notLast.Outcome, Is.EqualTo(StepOutcome.Unfinished));
    }

    [Test]
    public void EntriesOutsideStagesAndJobsMakeNoStep()
    {
        Assert.That(TimelineSteps.From([Entry(0), Entry(10, duration: 5, outcome: "succeeded")]), Is.Empty);
    }
}
