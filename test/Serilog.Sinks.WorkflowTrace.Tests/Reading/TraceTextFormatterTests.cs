using Serilog.Sinks.WorkflowTrace.Reading;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// The text views print each entry as the Python handler does, <c>"{datetime} ({process:5d}, {thread:5d}) ({cut_id})
/// {message:120s} ({filename}:{lineno})"</c>. The expected lines are Python's own output of that format string for
/// the same values (<c>fmt.format(...)</c> in CPython 3).
/// </summary>
public class TraceTextFormatterTests
{
    static TraceEntry Entry(string? datetime = "2024-01-01T12:00:00", int? process = 7, long? thread = 140234567890123, string? cutId = "abcd1234",
        string? message = "hello", string? filename = "workflow.py", int? lineno = 42, string? mode = "stdout") =>
        new() { Id = "id", DatetimeText = datetime, Process = process, Thread = thread, CutId = cutId, Message = message, Filename = filename, Lineno = lineno, Mode = mode };

    [Test]
    public void ALineIsPythonsWithNumbersRightAlignedToFiveAndTheMessagePaddedTo120()
    {
        Assert.That(TraceTextFormatter.Format(Entry()), Is.EqualTo(
            "2024-01-01T12:00:00 (    7, 140234567890123) (abcd1234) hello                                                                                                                    (workflow.py:42)"));
    }

    [Test]
    public void ACharacterOutsideTheBmpCountsOneAndAMissingCutIdIsNone()
    {
        Assert.That(TraceTextFormatter.Format(Entry(process: 123456, thread: 3, cutId: null, message: "done \U0001F389")), Is.EqualTo(
            "2024-01-01T12:00:00 (123456,     3) (None) done \U0001F389                                                                                                                   (workflow.py:42)"));
    }

    [Test]
    public void AMessageLongerThan120IsNeverCut()
    {
        Assert.That(TraceTextFormatter.Format(Entry(process: 1, thread: 2, cutId: "p -> c", message: new string('x', 130), filename: "a.py", lineno: 1)), Is.EqualTo(
            "2024-01-01T12:00:00 (    1,     2) (p -> c) xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx (a.py:1)"));
    }

    [Test]
    public void MissingValuesArePrintedAsNoneProcessAndThreadRightAlignedLikeTheNumbersTheyStandFor()
    {
        var line = TraceTextFormatter.Format(Entry(datetime: null, process: null, thread: null, message: null, filename: null, lineno: null));

        Assert.That(line, Is.EqualTo("None ( None,  None) (abcd1234) None" + new string(' ', 116) + " (None:None)"));
    }

    [Test]
    public void TheViewsSplitByModeJoinWithNewlinesAndHaveNoTrailingNewline()
    {
        var entries = new[]
        {
            Entry(message: "one"),
            Entry(datetime: "2026-12-05T08:00:00.1234567Z", process: 4242, thread: 12, cutId: "run-0001", message: "boom", filename: "Worker.cs", lineno: 10, mode: "stderr"),
            Entry(message: "two", mode: null),
        };

        var (stdout, stderr) = TraceTextFormatter.Views(entries);

        Assert.That(stdout, Is.EqualTo(TraceTextFormatter.Format(entries[0]) + "\n" + TraceTextFormatter.Format(entries[2])));
        Assert.That(stderr, Is.EqualTo("2026-12-05T08:00:00.1234567Z ( 4242,    12) (run-0001) boom                                                                                                                     (Worker.cs:10)"));
        Assert.That(TraceTextFormatter.Views([]), Is.EqualTo((string.Empty, string.Empty)));
    }

    [Test]
    public void WriteStreamsTheSameLine()
    {
        using var writer = new StringWriter();
        TraceTextFormatter.Write(writer, Entry());
        Assert.That(writer.ToString(), Is.EqualTo(TraceTextFormatter.Format(Entry())));
    }
}
