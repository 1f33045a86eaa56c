using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Tracing;

namespace Serilog.Sinks.WorkflowTrace.Tests.Tracing;

/// <summary>
/// A stage's or job's frame is derived from its parent's instead of being built again from the trace's extras: it
/// must carry exactly the properties, in the same order, with the same other spellings, that building it would.
/// </summary>
public class TraceFrameTests
{
    static readonly object Owner = new();

    static IEnumerable<TestCaseData> Extras()
    {
        yield return new TestCaseData(null, new TraceExtras()).SetName("A stage's frame is the one built from the extras, with only a run id");
        yield return new TestCaseData("parent-1", new TraceExtras { WorkflowName = "billing", UserId = "u", Environment = "prod", Tags = ["a"] })
            .SetName("A stage's frame is the one built from the extras, with a parent, a workflow and more");
        yield return new TestCaseData(null, new TraceExtras { StageName = "given", JobName = "job-given", TenantId = "t" })
            .SetName("A stage's frame is the one built from the extras, when the extras name a stage and a job");
        yield return new TestCaseData(null, new TraceExtras { Metadata = new Dictionary<string, object?> { ["ParentRunId"] = "meta", ["StageName"] = "meta-stage", ["JobName"] = 3 } })
            .SetName("A stage's frame is the one built from the extras, when metadata entries have contract names");
    }

    [TestCaseSource(nameof(Extras))]
    public void DerivedFramesMatchFramesBuiltFromTheExtras(string? parentRunId, TraceExtras extras)
    {
        var run = TraceFrame.ForRun(Owner, "run-1", parentRunId, extras, idsAsProperties: false);

        var stage = run.WithStage("load");
        AssertSame(stage, TraceFrame.ForRun(Owner, "run-1", parentRunId, extras.With(new TraceExtras { StageName = "load" }), idsAsProperties: false));

        var job = stage.WithJob("invoices");
        AssertSame(job, TraceFrame.ForRun(Owner, "run-1", parentRunId, extras.With(new TraceExtras { StageName = "load", JobName = "invoices" }), idsAsProperties: false));

        var jobInRun = run.WithJob("invoices");
        AssertSame(jobInRun, TraceFrame.ForRun(Owner, "run-1", parentRunId, extras.With(new TraceExtras { JobName = "invoices" }), idsAsProperties: false));
    }

    [Test]
    public void AFrameDerivedAgainForTheSameNameIsTheSameFrameAndAnotherNameMakesItsOwn()
    {
        var run = TraceFrame.ForRun(Owner, "run-1", null, new TraceExtras { WorkflowName = "wf" }, idsAsProperties: false);
        var stage = run.WithStage("load");

        Assert.That(run.WithStage("load"), Is.SameAs(stage));
        Assert.That(stage.SpanName, Is.EqualTo("stage load"));
        var other = run.WithStage("save");
        Assert.That(other.StageName, Is.EqualTo("save"));
        AssertSame(other, TraceFrame.ForRun(Owner, "run-1", null, new TraceExtras { WorkflowName = "wf", StageName = "save" }, idsAsProperties: false));
        Assert.That(run.WithStage("load"), Is.Not.SameAs(stage).And.Property(nameof(TraceFrame.StageName)).EqualTo("load"), "one stage is kept per frame");

        var job = stage.WithJob("invoices");
        Assert.That(stage.WithJob("invoices"), Is.SameAs(job));
        Assert.That((job.StageName, job.JobName, job.SpanName), Is.EqualTo(("load", "invoices", "job invoices")));
    }

    static void AssertSame(TraceFrame derived, TraceFrame built)
    {
        Assert.That(Describe(derived), Is.EqualTo(Describe(built)));
        Assert.That((derived.StageName, derived.JobName, derived.Owner), Is.EqualTo((built.StageName, built.JobName, built.Owner)));
    }

    static string[] Describe(TraceFrame frame) =>
        frame.Properties.Select((p, i) => $"{p.Name}={Render(p.Value)}|{frame.Ambient.OtherSpellingAt(i)}").ToArray();

    static string Render(LogEventPropertyValue value) => value.ToString();
}
