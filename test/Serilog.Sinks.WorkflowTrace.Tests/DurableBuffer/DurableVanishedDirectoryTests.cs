using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.DurableBuffer;

/// <summary>
/// Issue 17 point 8e: the buffer directory is deleted while the sink runs (a clean-up job, an operator). The events
/// logged after it go on being delivered — none lost silently, none doubled — and SelfLog says what happened. Also a
/// segment file that cannot be created (the stand-in for a read-only directory, as the tests run as root).
/// </summary>
public class DurableVanishedDirectoryTests : DurableBufferTest
{
    const int Before = 200;
    const int After = 200;

    [TestCase(0, TestName = "Events logged with write-through after the buffer directory was deleted are all delivered once")]
    [TestCase(100, TestName = "Events logged with a flush interval after the buffer directory was deleted are all delivered once")]
    public async Task Events_after_the_directory_vanished_are_delivered(int flushIntervalMs)
    {
        var listener = new RecordingFailureListener();
        using var selfLog = new SelfLogCollector();
        await using (var logger = DurableLogger(listener, o => o.BufferFlushInterval = TimeSpan.FromMilliseconds(flushIntervalMs)))
        {
            for (var i = 0; i < Before; i++)
                NumberedEvents.Log(logger, i);
            Assert.That(await Flush(), Is.True, "delivered before the directory goes");
            Assert.That(StoredNumbers(), Has.Count.EqualTo(Before));

            Directory.Delete(BufferPath, recursive: true);
            for (var i = Before; i < Before + After; i++)
                NumberedEvents.Log(logger, i);
            var flushed = await Flush();
            TestContext.Out.WriteLine($"flushed: {flushed}; stored {StoredNumbers().Count}; directory {(Directory.Exists(BufferPath) ? "made again" : "absent")}");
            TestContext.Out.WriteLine(selfLog.Text);
            Assert.That(flushed, Is.True, "the events logged after the deletion are delivered; SelfLog: " + selfLog.Text);
            Assert.That(StoredNumbers(), Has.Count.EqualTo(Before + After), "a flush that answered true has every event logged before it stored");
        }

        var reported = Reported(listener);
        Assert.Multiple(() =>
        {
            // What happened: the lines written since the deletion failed their commit and were shipped from memory;
            // with write-through the next event made the directory again and the rest went through the files.
            Assert.That(selfLog.Text, Does.Contain("was removed from").And.Contain("shipped from memory instead"), "the trouble is said once");
            if (flushIntervalMs == 0)
                Assert.That(Directory.Exists(BufferPath) && selfLog.Text.Contains("is written again", StringComparison.Ordinal), "the directory was made again and used");
            Assert.That(StoredNumbers().Order(), Is.EqualTo(Enumerable.Range(0, Before + After)), "delivered: all 400, each once");
            Assert.That(Doubled(), Is.Empty, "doubled: 0");
            Assert.That(reported, Is.Empty, "reported: 0");
            Assert.That(selfLog.Text, Does.Not.Contain("remain in the durable buffer"), "nothing claimed to wait on disk");
        });
    }

    [Test]
    public async Task A_segment_file_that_cannot_be_created_sends_its_events_from_memory_and_the_next_segment_takes_the_rest()
    {
        // Root ignores file permissions: a directory where the second segment file would go makes its creation fail.
        Directory.CreateDirectory(Path.Combine(BufferPath, "buffer-000002.clef"));
        var listener = new RecordingFailureListener();
        using var selfLog = new SelfLogCollector();
        const int logged = 400;
        await using (var logger = DurableLogger(listener, o =>
                     {
                         // Segments of 16 KiB (a quarter of the limit): the roll to the second comes after some 80 events.
                         o.BufferSizeLimitBytes = 65536;
                         o.BufferFlushInterval = TimeSpan.Zero;
                     }))
        {
            for (var i = 0; i < logged; i++)
                NumberedEvents.Log(logger, i);
            Assert.That(await Flush(), Is.True, "every event delivered; SelfLog: " + selfLog.Text);
        }

        Assert.Multiple(() =>
        {
            Assert.That(selfLog.Text, Does.Contain("shipped from memory instead").And.Contain("is written again"), selfLog.Text);
            Assert.That(StoredNumbers().Order(), Is.EqualTo(Enumerable.Range(0, logged)), "delivered: all 400, each once");
            Assert.That(Doubled(), Is.Empty, "doubled: 0");
            Assert.That(Reported(listener), Is.Empty, "reported: 0");
            Assert.That(LeftOnDisk(), Is.Zero, "left on disk: 0");
        });
    }

    static async Task<bool> Flush()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await WorkflowTracing.FlushAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
