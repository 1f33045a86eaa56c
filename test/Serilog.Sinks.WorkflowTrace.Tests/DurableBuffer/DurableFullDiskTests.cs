using System.Globalization;
using System.Text.RegularExpressions;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.DurableBuffer;

/// <summary>
/// Issue 17 point 8c: a small buffer (<c>bufferSizeLimitBytes</c> 65536, the least allowed) fills while the server is
/// down. <c>DropOldest</c> deletes the oldest files and says how many events each held; <c>RefuseNew</c> hands every
/// refused event to the failure listener. Either way delivered + lost = logged, exactly, and nothing is doubled.
/// Write-through, so each logging call returns with its event on disk (or dropped, or refused) and the counts are
/// final when logging ends.
/// </summary>
public partial class DurableFullDiskTests : DurableBufferTest
{
    const int Logged = 1500;
    const long SizeLimit = 65536;

    [GeneratedRegex(@"was deleted with (\d+) unshipped event\(s\)")]
    private static partial Regex DroppedSentence();

    [Test]
    public async Task DropOldest_deletes_the_oldest_files_saying_how_many_events_each_held_and_delivers_the_rest_once()
    {
        using var selfLog = new SelfLogCollector();
        var listener = new RecordingFailureListener();
        await LogWhileDown(listener, Serilog.Sinks.WorkflowTrace.WorkflowTraceBufferFullMode.DropOldest, async () =>
        {
            var dropped = Dropped(selfLog);
            await Eventually.WaitFor(() => StoredNumbers().Count >= Logged - dropped, "the rest delivered");
        });

        var droppedCount = Dropped(selfLog);
        TestContext.Out.WriteLine($"logged {Logged}, delivered {StoredNumbers().Count}, dropped {droppedCount}");
        Assert.Multiple(() =>
        {
            Assert.That(droppedCount, Is.GreaterThan(0), "the buffer was full: files were dropped");
            Assert.That(StoredNumbers().Count + droppedCount, Is.EqualTo(Logged), "delivered + dropped = logged");
            Assert.That(Doubled(), Is.Empty, "doubled: 0");
            Assert.That(Reported(listener), Is.Empty, "nothing else reported: the dropped events are gone and counted in SelfLog");
            Assert.That(StoredNumbers().Max(), Is.EqualTo(Logged - 1), "the newest are kept");
            Assert.That(LeftOnDisk(), Is.Zero, "left on disk: 0");
        });
    }

    [Test]
    public async Task RefuseNew_hands_each_refused_event_to_the_failure_listener_and_delivers_the_rest_once()
    {
        var listener = new RecordingFailureListener();
        await LogWhileDown(listener, Serilog.Sinks.WorkflowTrace.WorkflowTraceBufferFullMode.RefuseNew, async () =>
        {
            var refused = Reported(listener).Count;
            await Eventually.WaitFor(() => StoredNumbers().Count >= Logged - refused, "the rest delivered");
        });

        var refusedNumbers = Reported(listener);
        var stored = StoredNumbers();
        TestContext.Out.WriteLine($"logged {Logged}, delivered {stored.Count}, refused {refusedNumbers.Count}");
        Assert.Multiple(() =>
        {
            Assert.That(refusedNumbers, Is.Not.Empty, "the buffer was full: events were refused");
            Assert.That(refusedNumbers, Is.Unique, "each refused event told once");
            Assert.That(listener.Failures.Where(f => f.Kind == Serilog.Core.LoggingFailureKind.Permanent).Select(f => f.Message),
                Has.All.Contains("bufferFullMode is RefuseNew"), "the reason names the setting");
            Assert.That(stored.Intersect(refusedNumbers), Is.Empty, "a refused event is not delivered too");
            Assert.That(stored.Count + refusedNumbers.Count, Is.EqualTo(Logged), "delivered + refused = logged");
            Assert.That(Doubled(), Is.Empty, "doubled: 0");
            Assert.That(stored.Min(), Is.Zero, "the oldest are kept");
            Assert.That(LeftOnDisk(), Is.Zero, "left on disk: 0");
        });
    }

    /// <summary>Logs <see cref="Logged"/> events with the server down, then brings it back and runs <paramref name="whenBack"/>.</summary>
    async Task LogWhileDown(RecordingFailureListener listener, WorkflowTraceBufferFullMode mode, Func<Task> whenBack)
    {
        await Server.StopAsync();
        await using (var logger = DurableLogger(listener, o =>
                     {
                         o.BufferSizeLimitBytes = SizeLimit;
                         o.BufferFullMode = mode;
                         o.BufferFlushInterval = TimeSpan.Zero;
                         o.MaxRetries = 0;
                         o.Timeout = TimeSpan.FromSeconds(1);
                     }))
        {
            for (var i = 0; i < Logged; i++)
                NumberedEvents.Log(logger, i);
            Assert.That(Directory.GetFiles(BufferPath, "buffer-*.clef").Sum(f => new FileInfo(f).Length), Is.LessThanOrEqualTo(SizeLimit),
                "the files stay within bufferSizeLimitBytes");
            await Server.RestartAsync();
            await whenBack();
        }
    }

    static int Dropped(SelfLogCollector selfLog) =>
        selfLog.Lines.Select(line => DroppedSentence().Match(line)).Where(m => m.Success)
            .Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
}
