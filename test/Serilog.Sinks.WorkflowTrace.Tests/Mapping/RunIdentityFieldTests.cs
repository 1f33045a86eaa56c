using System.Text.Json;
using Serilog.Context;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Mapping;

/// <summary>Contract rows: run_id, parent_run_id, cut_id.</summary>
public class RunIdentityFieldTests
{
    [Test]
    public void RunIdComesFromThePascalCaseProperty()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("RunId", "run-from-pascal").Information("x"));
        Assert.That(doc.GetProperty("run_id").GetString(), Is.EqualTo("run-from-pascal"));
    }

    [Test]
    public void RunIdComesFromTheSnakeCasePropertyPushedOnTheLogContext()
    {
        using var probe = DocumentProbe.Create();
        using (LogContext.PushProperty("run_id", "run-from-context"))
            probe.Logger.Information("x");
        Assert.That(probe.Single().GetProperty("run_id").GetString(), Is.EqualTo("run-from-context"));
    }

    [Test]
    public void RunIdFallsBackToTheOption()
    {
        var doc = DocumentProbe.DocumentFor(log => log.Information("x"), b => b.Context = new() { RunId = "run-option" });
        Assert.That(doc.GetProperty("run_id").GetString(), Is.EqualTo("run-option"));
    }

    [Test]
    public void ThePropertyWinsOverTheOption()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("RunId", "run-property").Information("x"), b => b.Context = new() { RunId = "run-option" });
        Assert.That(doc.GetProperty("run_id").GetString(), Is.EqualTo("run-property"));
    }

    [Test]
    public void RunIdIsOmittedWhenNeitherPropertyNorOptionGivesOne()
    {
        var doc = DocumentProbe.DocumentFor(log => log.Information("x"));
        Assert.That(doc.TryGetProperty("run_id", out _), Is.False);
        Assert.That(doc.TryGetProperty("cut_id", out _), Is.False);
    }

    [Test]
    public void ParentRunIdComesFromPropertyOrOption()
    {
        var fromProperty = DocumentProbe.DocumentFor(log => log.ForContext("ParentRunId", "parent-p").Information("x"));
        var fromSnake = DocumentProbe.DocumentFor(log => log.ForContext("parent_run_id", "parent-s").Information("x"));
        var fromOption = DocumentProbe.DocumentFor(log => log.Information("x"), b => b.Context = new() { ParentRunId = "parent-o" });
        Assert.That(fromProperty.GetProperty("parent_run_id").GetString(), Is.EqualTo("parent-p"));
        Assert.That(fromSnake.GetProperty("parent_run_id").GetString(), Is.EqualTo("parent-s"));
        Assert.That(fromOption.GetProperty("parent_run_id").GetString(), Is.EqualTo("parent-o"));
    }

    [Test]
    public void CutIdIsTheLastEightCharactersOfTheRunId()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("RunId", "workflow-20240101-abcdef12").Information("x"));
        Assert.That(doc.GetProperty("cut_id").GetString(), Is.EqualTo("abcdef12"));
    }

    [Test]
    public void CutIdOfAShortRunIdIsTheWholeId()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("RunId", "run-1").Information("x"));
        Assert.That(doc.GetProperty("cut_id").GetString(), Is.EqualTo("run-1"));
    }

    [Test]
    public void CutIdWithAParentJoinsBothCuts()
    {
        var doc = DocumentProbe.DocumentFor(log => log
            .ForContext("RunId", "child-run-87654321")
            .ForContext("ParentRunId", "parent-run-12345678")
            .Information("x"));
        Assert.That(doc.GetProperty("cut_id").GetString(), Is.EqualTo("12345678 -> 87654321"));
    }

    [Test]
    public void PropertiesThatFillAFieldAreNotRepeatedInMetadata()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("RunId", "r").ForContext("ParentRunId", "p").Information("x"));
        var metadata = doc.GetProperty("metadata");
        Assert.That(metadata.TryGetProperty("RunId", out _), Is.False);
        Assert.That(metadata.TryGetProperty("ParentRunId", out _), Is.False);
    }

    [Test]
    public void WhenBothSpellingsArePresentTheContractNameWinsAndTheOtherIsNotRepeatedInMetadata()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("RunId", "pascal").ForContext("run_id", "snake").Information("x"));
        Assert.That(doc.GetProperty("run_id").GetString(), Is.EqualTo("snake"));
        Assert.That(doc.GetProperty("metadata").TryGetProperty("RunId", out _), Is.False);
    }

    [Test]
    public void ANonTextRunIdIsWrittenAsText()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("RunId", 12345).Information("x"));
        Assert.That(doc.GetProperty("run_id").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(doc.GetProperty("run_id").GetString(), Is.EqualTo("12345"));
    }
}
