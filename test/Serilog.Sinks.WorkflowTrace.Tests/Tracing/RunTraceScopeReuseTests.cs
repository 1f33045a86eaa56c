using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Tracing;

/// <summary>
/// Scopes opened again with the same name share their context (its properties and their capture are made once per
/// name): each scope must still carry its own name, span and outcome, and leaving one must never end another that
/// shares its context.
/// </summary>
public class RunTraceScopeReuseTests
{
    static string? Text(JsonElement document, string field) => document.TryGetProperty(field, out var value) ? value.ToString() : null;

    static JsonElement WithMessage(IEnumerable<JsonElement> documents, string message) =>
        documents.Single(d => Text(d, "message") == message);

    [Test]
    public async Task StagesAndJobsOpenedAgainWithTheSameNameCarryTheirOwnNameSpanAndOutcomeEachTime()
    {
        using var probe = DocumentProbe.Create();
        var spans = new List<string>();
        await using (var trace = WorkflowTracing.GetTrace(probe.Logger, "reused", extras: new TraceExtras { WorkflowName = "wf" }))
        {
            for (var i = 1; i <= 3; i++)
            {
                using (var batch = trace.Stage("batch"))
                {
                    spans.Add(batch.Activity!.SpanId.ToHexString());
                    probe.Logger.Information("plain in batch {Round}", i);
                    using (var job = trace.Job(i % 2 == 0 ? "even" : "odd"))
                    {
                        trace.Info("in job {Round}", i);
                        job.Complete();
                    }
                    if (i != 2)
                        batch.Complete();
                }
                using (var other = trace.Stage("other"))
                {
                    trace.Info("in other {Round}", i);
                    other.Complete();
                }
            }
            trace.Info("after the stages");
        }

        var documents = probe.Documents();
        Assert.That(spans.Distinct().Count(), Is.EqualTo(3), "each scope has a span of its own");
        for (var i = 1; i <= 3; i++)
        {
            var plain = WithMessage(documents, $"plain in batch {i}");
            Assert.That((Text(plain, "stage_name"), Text(plain, "job_name"), Text(plain, "span_id")), Is.EqualTo(("batch", (string?)null, spans[i - 1])));
            var inJob = WithMessage(documents, $"in job {i}");
            Assert.That((Text(inJob, "stage_name"), Text(inJob, "job_name")), Is.EqualTo(("batch", i % 2 == 0 ? "even" : "odd")));
            Assert.That(Text(inJob, "parent_span_id"), Is.EqualTo(spans[i - 1]), "the job's span is a child of this round's stage span");
            var inOther = WithMessage(documents, $"in other {i}");
            Assert.That((Text(inOther, "stage_name"), Text(inOther, "job_name")), Is.EqualTo(("other", (string?)null)));
        }

        var closings = documents.Where(d => Text(d, "message")!.StartsWith("Stage batch")).ToList();
        Assert.That(closings.Select(d => Text(d, "span_id")), Is.EqualTo(spans), "each closing event is its own scope's");
        Assert.That(closings.Select(d => Text(d, "level")), Is.EqualTo(new[] { "info", "error", "info" }));
        Assert.That(Text(closings[1], "message"), Does.Contain("without Complete()"));
        Assert.That(closings.Select(d => Text(d, "stage_name")), Has.All.EqualTo("batch"));
        var after = WithMessage(documents, "after the stages");
        Assert.That((Text(after, "stage_name"), Text(after, "job_name")), Is.EqualTo(((string?)null, (string?)null)));
    }

    [Test]
    public async Task LeavingAScopeThatIsNotCurrentDoesNotEndALaterScopeOfTheSameName()
    {
        using var probe = DocumentProbe.Create();
        await using (var trace = WorkflowTracing.GetTrace(probe.Logger, "overlap"))
        {
            // Opened inside an async method: its context stays there, the caller is back in the run's.
            var first = await OpenStageAsync(trace, "same");
            probe.Logger.Information("after the first opened");
            using (var second = trace.Stage("same"))
            {
                first.Complete();
                first.Dispose();
                probe.Logger.Information("in the second after the first ended");
                second.Complete();
            }
            probe.Logger.Information("after the second ended");
        }

        var documents = probe.Documents();
        Assert.That(Text(WithMessage(documents, "after the first opened"), "stage_name"), Is.Null);
        Assert.That(Text(WithMessage(documents, "in the second after the first ended"), "stage_name"), Is.EqualTo("same"),
            "ending the first scope must not take away the context of the second, open one");
        Assert.That(Text(WithMessage(documents, "after the second ended"), "stage_name"), Is.Null);
    }

    static async Task<RunTraceScope> OpenStageAsync(RunTrace trace, string name)
    {
        await Task.Yield();
        return trace.Stage(name);
    }
}
