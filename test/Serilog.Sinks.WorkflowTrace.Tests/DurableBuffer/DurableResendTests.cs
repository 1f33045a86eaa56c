using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.DurableBuffer;

/// <summary>
/// Issue 17 point 3: a batch Elasticsearch stored but whose bookmark was not saved — the process died between the
/// two, or closed before the answer came — is sent again by the next sink on the path under the same document ids;
/// <c>create</c> answers 409 for each, counted delivered: nothing doubled, nothing reported, nothing left.
/// </summary>
public class DurableResendTests : DurableBufferTest
{
    const int Logged = 300;

    [Test]
    public async Task A_batch_stored_before_a_crash_kept_the_bookmark_from_moving_is_sent_again_and_counted_delivered_not_doubled()
    {
        await LeaveOnDisk(Logged);
        var beforeShipping = BufferPath + "-snapshot";
        CopyDirectory(BufferPath, beforeShipping);

        var listener = new RecordingFailureListener();
        await using (DurableLogger(listener))
            await Eventually.WaitFor(() => StoredNumbers().Count >= Logged, "the second sink ships what the first left");
        Assert.That(LeftOnDisk(), Is.Zero, "the second sink moved the bookmark past them");

        // The crash: the files and the bookmark as they were before the second sink saved its position, as if it had
        // died after Elasticsearch stored the documents and before the bookmark reached the disk.
        Directory.Delete(BufferPath, recursive: true);
        CopyDirectory(beforeShipping, BufferPath);
        Directory.Delete(beforeShipping, recursive: true);
        Assert.That(LeftOnDisk(), Is.EqualTo(Logged), "the old bookmark: all of them unshipped as far as the files say");

        using var selfLog = new SelfLogCollector();
        await using (DurableLogger(listener))
            await Eventually.WaitFor(() => TimesSent().Values.Count(n => n == 2) == Logged, "the third sink sends them again");

        AssertEachStoredOnceAfterTwoSendings(listener, selfLog);
    }

    [Test]
    public async Task A_batch_whose_answer_had_not_come_when_the_sink_closed_is_sent_again_by_the_next_and_not_doubled()
    {
        await LeaveOnDisk(Logged);
        // The next bulk request is processed (its documents stored) but its answer held back past the sink's shutdown.
        Server.Faults.DelayResponse(TimeSpan.FromSeconds(30));
        using (var closing = new SelfLogCollector())
        {
            await using (DurableLogger(o => { o.BufferSize = Logged; o.ShutdownTimeout = TimeSpan.FromSeconds(2); }))
                await Eventually.WaitFor(() => StoredNumbers().Count == Logged, "Elasticsearch stores the batch");
            Assert.That(closing.Text, Does.Contain($"{Logged} event(s) were not delivered before the sink closed").And.Contain("remain in the durable buffer"),
                "the sink cannot know they arrived: it says they stay on disk");
        }
        Assert.That(LeftOnDisk(), Is.EqualTo(Logged), "the bookmark did not move for a batch without an answer");

        var listener = new RecordingFailureListener();
        using var selfLog = new SelfLogCollector();
        await using (DurableLogger(listener))
            await Eventually.WaitFor(() => TimesSent().Values.Count(n => n == 2) == Logged, "the next sink sends them again");

        AssertEachStoredOnceAfterTwoSendings(listener, selfLog);
    }

    /// <summary>A first sink logs <paramref name="count"/> events while the server is down and closes: they stay on disk.</summary>
    async Task LeaveOnDisk(int count)
    {
        await Server.StopAsync();
        await using (var first = DurableLogger(o => { o.ShutdownTimeout = TimeSpan.FromSeconds(2); o.MaxRetries = 0; o.Timeout = TimeSpan.FromSeconds(1); }))
        {
            for (var i = 0; i < count; i++)
                NumberedEvents.Log(first, i);
        }
        Assert.That(LeftOnDisk(), Is.EqualTo(count), "left on disk by the first sink");
        await Server.RestartAsync();
    }

    void AssertEachStoredOnceAfterTwoSendings(RecordingFailureListener listener, SelfLogCollector selfLog)
    {
        var sent = TimesSent();
        Assert.Multiple(() =>
        {
            Assert.That(StoredNumbers().Order(), Is.EqualTo(Enumerable.Range(0, Logged)), "delivered: each of the 300 once");
            Assert.That(Doubled(), Is.Empty, "doubled: 0");
            Assert.That(sent.Values.Count(n => n == 2), Is.EqualTo(Logged), "sent twice under the same id: all 300");
            Assert.That(sent.Values.Count(n => n != 2), Is.Zero, "no id sent once or three times");
            Assert.That(Reported(listener), Is.Empty, "reported: 0 (the 409s are delivered)");
            Assert.That(selfLog.Text, Does.Contain($"holds {Logged} event(s) left by an earlier sink"), selfLog.Text);
            Assert.That(selfLog.Text, Does.Not.Contain("were not delivered"), "the second sending settles them all");
            Assert.That(LeftOnDisk(), Is.Zero, "left on disk: 0 — the 409s moved the bookmark");
        });
    }

    static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from).Where(f => Path.GetFileName(f) != ".lock"))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
