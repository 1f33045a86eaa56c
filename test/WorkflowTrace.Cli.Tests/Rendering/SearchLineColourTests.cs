using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using Spectre.Console.Testing;
using WorkflowTrace.Cli.Rendering;

namespace WorkflowTrace.Cli.Tests.Rendering;

/// <summary>The lines of <c>search</c> at a colour terminal: coloured by level, as <c>show</c> colours them.</summary>
public class SearchLineColourTests
{
    const char Escape = '\u001b';

    static string Rendered(string level)
    {
        var console = new TestConsole().Colors(ColorSystem.Standard).EmitAnsiSequences();
        var entry = new TraceEntry { Id = "1", Level = level, RunId = "run-1", WorkflowName = "etl", Message = "hello", Datetime = new DateTimeOffset(2026, 11, 30, 1, 2, 3, TimeSpan.Zero) };
        console.Write(EntryLine.RenderInContext(entry));
        return console.Output;
    }

    // The standard colours' escape codes: 91 bright red, 93 bright yellow, 90 grey.
    [TestCase("error", 91)]
    [TestCase("critical", 91)]
    [TestCase("exception", 91)]
    [TestCase("warning", 93)]
    [TestCase("debug", 90)]
    public void ALevelsLineIsInItsColour(string level, int colour) =>
        Assert.That(Rendered(level), Does.Contain($"{Escape}[{colour}mhello"), Rendered(level).Replace(Escape, '^'));

    [Test]
    public void AnInformationLinesMessageIsInTheTerminalsOwnColour() =>
        Assert.That(Rendered("info"), Does.Not.Contain("mhello").And.Contain("hello"), Rendered("info").Replace(Escape, '^'));
}
