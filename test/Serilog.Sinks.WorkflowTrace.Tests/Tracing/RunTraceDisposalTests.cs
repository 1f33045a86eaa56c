using System.Diagnostics;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Tracing;

/// <summary>
/// Ending a run or a scope: what comes after it carries none of it, whether it ended by <c>using</c> or by
/// <c>await using</c> (the README's pattern), and ending it never throws in place of the workflow.
/// </summary>
public class RunTraceDisposalTests
{
    static readonly TraceExtras Extras = new() { WorkflowName = "wf", UserId = "user-1" };

    static string? Text(JsonElement document, string field) => document.TryGetProperty(field, out var value) ? value.ToString() : null;

    static JsonElement WithMessage(IEnumerable<JsonElement> documents, string message) =>
        documents.Single(d => Text(d, "message") == message);

    static void AssertNoRunContext(JsonElement document)
    {
        foreach (var field in new[] { "run_id", "parent_run_id", "cut_id", "workflow_name", "stage_name", "job_name", "user_id", "trace_id", "span_id" })
            Assert.That(Text(document, field), Is.Null, $"{field} of an ended run or scope in '{Text(document, "message")}'");
    }

    [Test]
    public async Task AfterAwaitUsingRunsInALoopEventsOutsideAnyRunCarryNoneOfThem()
    {
        using var probe = DocumentProbe.Create();
        var activityBefore = Activity.Current;
        var parents = new List<ActivitySpanId>();
        for (var i = 1; i <= 3; i++)
        {
            await using var trace = WorkflowTracing.GetTrace(probe.Logger, $"run-{i}", extras: Extras);
            parents.Add(trace.Activity!.ParentSpanId);
            trace.Info("inside run {Iteration}", i);
        }
        probe.Logger.Information("outside any run");

        Assert.That(Activity.Current, Is.SameAs(activityBefore), "the ended run's span is no longer current");
        Assert.That(parents, Has.All.EqualTo(default(ActivitySpanId)), "no run is a child of the one before");
        var documents = probe.Documents();
        for (var i = 1; i <= 3; i++)
            Assert.That(Text(WithMessage(documents, $"inside run {i}"), "run_id"), Is.EqualTo($"run-{i}"));
        Assert.That(documents.Where(d => Text(d, "message")!.StartsWith("inside")).Select(d => Text(d, "trace_id")).Distinct().Count(), Is.EqualTo(3),
            "each run is a trace of its own");
        AssertNoRunContext(WithMessage(documents, "outside any run"));
    }

    [Test]
    public async Task AfterAChildRunsAwaitUsingTheParentsEventsAreTheParentsAlone()
    {
        using var probe = DocumentProbe.Create();
        await using (var parent = WorkflowTracing.GetTrace(probe.Logger, "parent-run", extras: Extras))
        {
            await using (var childRun = parent.StartChild("child-run", new TraceExtras { JobName = "child-job" }))
                childRun.Info("from the child");
            parent.Info("parent after the child");
            probe.Logger.Information("plain after the child");
            Assert.That(Activity.Current, Is.SameAs(parent.Activity), "the parent's span is current again");
        }
        probe.Logger.Information("after both");

        var documents = probe.Documents();
        var child = WithMessage(documents, "from the child");
        Assert.That((Text(child, "run_id"), Text(child, "parent_run_id"), Text(child, "job_name")), Is.EqualTo(("child-run", "parent-run", "child-job")));
        foreach (var message in new[] { "parent after the child", "plain after the child" })
        {
            var document = WithMessage(documents, message);
            Assert.That(Text(document, "run_id"), Is.EqualTo("parent-run"), message);
            Assert.That(Text(document, "parent_run_id"), Is.Null, message);
            Assert.That(Text(document, "job_name"), Is.Null, message);
            Assert.That(Text(document, "cut_id"), Is.EqualTo("rent-run"), message);
        }
        AssertNoRunContext(WithMessage(documents, "after both"));
    }

    [Test]
    public async Task AfterAScopesAwaitUsingItsNameIsGone()
    {
        using var probe = DocumentProbe.Create();
        await using (var trace = WorkflowTracing.GetTrace(probe.Logger, "scoped-run"))
        {
            await using (var stage = trace.Stage("extract"))
            {
                await Task.Yield();
                stage.Complete();
            }
            probe.Logger.Information("after the stage");
        }

        var document = WithMessage(probe.Documents(), "after the stage");
        Assert.That(Text(document, "run_id"), Is.EqualTo("scoped-run"));
        Assert.That(Text(document, "stage_name"), Is.Null);
    }

    [Test]
    public void ANegativeFlushTimeoutIsRefusedWhenTheTraceIsCreated()
    {
        using var probe = DocumentProbe.Create();
        var negative = new TraceExtras { FlushTimeout = TimeSpan.FromSeconds(-5) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => WorkflowTracing.GetTrace(probe.Logger, "run", extras: negative));
        Assert.That(error!.Message, Does.Contain("FlushTimeout").And.Contain("-00:00:05"));
        Assert.That(error.ParamName, Is.EqualTo("extras"));

        using var parent = WorkflowTracing.GetTrace(probe.Logger, "parent");
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => parent.StartChild("child", negative))!.Message, Does.Contain("FlushTimeout"));
    }

    [Test]
    public void AFlushTimeoutTooLongForATimerIsRefusedAndNoLimitIsAccepted()
    {
        using var probe = DocumentProbe.Create();
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() =>
            WorkflowTracing.GetTrace(probe.Logger, "run", extras: new TraceExtras { FlushTimeout = TimeSpan.FromDays(100) }))!.Message, Does.Contain("FlushTimeout"));

        using var unlimited = WorkflowTracing.GetTrace(probe.Logger, "run", extras: new TraceExtras { FlushTimeout = Timeout.InfiniteTimeSpan });
        using var immediate = WorkflowTracing.GetTrace(probe.Logger, "run", extras: new TraceExtras { FlushTimeout = TimeSpan.Zero });
        Assert.That((unlimited.Extras.FlushTimeout, immediate.Extras.FlushTimeout), Is.EqualTo((Timeout.InfiniteTimeSpan, TimeSpan.Zero)));
    }

    [Test]
    public void TheWorkflowsOwnExceptionLeavesTheRunUnchanged()
    {
        using var probe = DocumentProbe.Create();
        var failure = new InvalidOperationException("the workflow failed");

        var thrown = Assert.Throws<InvalidOperationException>(() =>
        {
            using var trace = WorkflowTracing.GetTrace(probe.Logger, "failing", extras: new TraceExtras { FlushTimeout = TimeSpan.Zero });
            throw failure;
        });

        Assert.That(thrown, Is.SameAs(failure));
    }
}
