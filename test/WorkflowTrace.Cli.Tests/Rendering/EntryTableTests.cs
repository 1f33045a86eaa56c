using Serilog.Sinks.WorkflowTrace.Reading;
using WorkflowTrace.Cli.Rendering;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Rendering;

public class EntryTableTests
{
    static readonly DateTimeOffset T0 = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    static TraceEntry Entry(string id, string level, string message, string? stage = null, string? job = null, string? type = null, string? exceptionMessage = null) => new()
    {
        Id = id, Datetime = T0.AddMilliseconds(id.Length * 10), Level = level, Message = message, StageName = stage, JobName = job,
        ExceptionType = type, ExceptionMessage = exceptionMessage,
    };

    [Test]
    public void EachEntryIsARowWithTimeLevelStepAndMessageAndErrorsShowTheirException()
    {
        var text = RenderedText.Of(EntryTable.Render([
            Entry("a", "info", "Starting", "build"),
            Entry("bb", "error", "Compile failed", "build", "compile", "System.InvalidOperationException", "No compiler"),
        ]));

        Assert.That(text, Does.Match(@"08:00:00\.010\s+info\s+build\s+Starting"));
        Assert.That(text, Does.Match(@"08:00:00\.020\s+error\s+build/compile\s+Compile failed — System\.InvalidOperationException: No compiler"));
    }

    [TestCase("error", "\u001b[91m")]
    [TestCase("critical", "\u001b[91m")]
    [TestCase("warning", "\u001b[93m")]
    [TestCase("debug", "\u001b[90m")]
    public void RowsAreColouredByLevel(string level, string ansi)
    {
        var text = RenderedText.WithColours(EntryTable.Render([Entry("a", level, "the message")]));

        Assert.That(text, Does.Contain(ansi + "the message"));
    }

    [Test]
    public void MarkupInMessagesIsPrintedAsIs()
    {
        var text = RenderedText.Of(EntryTable.Render([Entry("a", "info", "[red]not markup[/] {x}")]));

        Assert.That(text, Does.Contain("[red]not markup[/] {x}"));
    }

    [Test]
    public void AFollowedEntryIsOneLineWithItsRunWhenAsked()
    {
        var line = RenderedText.Of(EntryLine.Render(Entry("a", "warning", "Slow", "load"), showRun: false));
        var withRun = RenderedText.Of(EntryLine.Render(new TraceEntry { Id = "x", RunId = "run-7", Level = "info", Message = "hi", Datetime = T0 }, showRun: true));

        Assert.That(line, Is.EqualTo("08:00:00.010 WARNING  [load] Slow\n"));
        Assert.That(withRun, Is.EqualTo("08:00:00.000 INFO     run-7 hi\n"));
    }
}
