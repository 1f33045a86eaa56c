using System.Text.Json;
using Serilog.Context;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Mapping;

/// <summary>
/// A field's property given in both spellings on one event: the contract's snake_case one fills the field, wherever
/// either came from, and neither is repeated under metadata.
/// </summary>
public class TwoSpellingsFieldTests
{
    static IEnumerable<TestCaseData> ContextFields() =>
        new[]
        {
            ("RunId", "run_id"), ("ParentRunId", "parent_run_id"), ("WorkflowName", "workflow_name"), ("StageName", "stage_name"),
            ("JobName", "job_name"), ("UserId", "user_id"), ("TenantId", "tenant_id"), ("Environment", "environment"),
            ("ErrorCode", "error_code"), ("TraceId", "trace_id"), ("SpanId", "span_id"), ("Mode", "mode"),
        }.Select(p => new TestCaseData(p.Item1, p.Item2).SetArgDisplayNames(p.Item1));

    static void AssertSnakeCaseWins(JsonElement document, string pascal, string snake)
    {
        Assert.That(document.GetProperty(snake).GetString(), Is.EqualTo("from-snake"));
        var metadata = document.GetProperty("metadata");
        Assert.That(metadata.TryGetProperty(pascal, out _), Is.False, $"metadata.{pascal} repeats the field");
        Assert.That(metadata.TryGetProperty(snake, out _), Is.False, $"metadata.{snake} repeats the field");
    }

    [TestCaseSource(nameof(ContextFields))]
    public void PascalCaseFromTheLogContextAndSnakeCaseFromForContext(string pascal, string snake)
    {
        using var probe = DocumentProbe.Create();
        using (LogContext.PushProperty(pascal, "from-pascal"))
            probe.Logger.ForContext(snake, "from-snake").Information("x");
        AssertSnakeCaseWins(probe.Single(), pascal, snake);
    }

    [TestCaseSource(nameof(ContextFields))]
    public void SnakeCaseFromTheLogContextAndPascalCaseFromForContext(string pascal, string snake)
    {
        using var probe = DocumentProbe.Create();
        using (LogContext.PushProperty(snake, "from-snake"))
            probe.Logger.ForContext(pascal, "from-pascal").Information("x");
        AssertSnakeCaseWins(probe.Single(), pascal, snake);
    }

    [Test]
    public void ASpellingThatCannotFillItsFieldStaysInMetadataBesideTheOther()
    {
        using var probe = DocumentProbe.Create();
        probe.Logger.ForContext("lineno", "not a number").ForContext("SourceLine", "neither").Information("x");
        var metadata = probe.Single().GetProperty("metadata");
        Assert.That(metadata.GetProperty("lineno").GetString(), Is.EqualTo("not a number"), "never lost");
        Assert.That(metadata.GetProperty("SourceLine").GetString(), Is.EqualTo("neither"), "never lost");
    }
}
