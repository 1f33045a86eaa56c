using System.Text.Json;
using Serilog.Events;
using Serilog.Parsing;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Capture;

/// <summary>
/// An event's own numbers and flags stay unboxed from the logging call until their document is written: no box of
/// them lives while the event waits or while its batch is sent, and what is written is what was logged.
/// </summary>
public class PackedValueTests
{
    [Test]
    public void TakingAnEventWithNumbersFromItsBlockMakesNoBox()
    {
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null,
            new MessageTemplateParser().Parse("Processed {Count} of {Big}"),
            [new LogEventProperty("Count", new ScalarValue(42)), new LogEventProperty("Big", new ScalarValue(1L << 40))]);
        CaptureRecord.Capture(logEvent, 1, default, 1, out var record);
        var block = new CaptureBlock();
        block.TryAdd(in record);
        block.TryAdd(in record);
        var reused = block.TakeNext();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var taken = block.TakeNext(reused);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero, "a box made here would live as long as the batch is being sent");
        Assert.That(taken.Own[0].TryGetInt32(out var count) && count == 42, Is.True);
        Assert.That(taken.Own[1].TryGetInt64(out var big) && big == 1L << 40, Is.True);
        Assert.That(taken.Own.ToArray().Select(p => p.Scalar), Is.EqualTo(new object[] { 42, 1L << 40 }));
    }

    [Test]
    public void PackedNumbersAndFlagsAreWrittenAndRenderedAsTheyWereLogged()
    {
        using var probe = DocumentProbe.Create();
        probe.Logger.Information("Processed {Count} of {Big}", 42, 1L << 40);
        probe.Logger.Information("Done {Done} at {Ratio}", true, 0.5);
        probe.Logger.Information("Hex {Value:X} and {Grouped:N0}", -1, 1234567L);

        var documents = probe.Documents().ToArray();
        var metadata = documents.Select(d => d.GetProperty("metadata")).ToArray();
        Assert.That(metadata[0].GetProperty("Count").GetInt32(), Is.EqualTo(42));
        Assert.That(metadata[0].GetProperty("Big").GetInt64(), Is.EqualTo(1L << 40));
        Assert.That(metadata[1].GetProperty("Done").ValueKind, Is.EqualTo(JsonValueKind.True));
        Assert.That(metadata[1].GetProperty("Ratio").GetDouble(), Is.EqualTo(0.5));
        Assert.That(documents.Select(d => d.GetProperty("message").GetString()), Is.EqualTo(new[]
        {
            "Processed 42 of 1099511627776",
            "Done True at 0.5",
            "Hex FFFFFFFF and 1,234,567",   // an int's format, not a long's: the type is kept with the bits
        }));
        Assert.That(probe.Captured[1].Own[0].TryGetBoolean(out var done) && done, Is.True);
    }
}
