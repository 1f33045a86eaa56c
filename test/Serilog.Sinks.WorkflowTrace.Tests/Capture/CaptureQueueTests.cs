using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Delivery;
using Serilog.Sinks.WorkflowTrace.Pipeline;

namespace Serilog.Sinks.WorkflowTrace.Tests.Capture;

/// <summary>
/// Queued events are stored by value in blocks and taken back in order, each once, across block boundaries, with
/// document numbers that rise without gaps; the event objects of settled batches are used again.
/// </summary>
public class CaptureQueueTests
{
    /// <summary>Logs <paramref name="count"/> events numbered 0.. through the capture step; returns its queue.</summary>
    static CaptureQueue Queue(int count, Action<ILogger, int>? log = null)
    {
        var queue = new CaptureQueue();
        using (var logger = new LoggerConfiguration().MinimumLevel.Verbose()
                   .WriteTo.Sink(new CallSiteCaptureSink(queue, new DeliveryLedger(), int.MaxValue)).CreateLogger())
        {
            var context = logger.ForContext("RunId", "run-1");
            for (var i = 0; i < count; i++)
            {
                if (log is null)
                    context.Information("Record {Number}", i);
                else
                    log(context, i);
            }
        }
        return queue;
    }

    static int Number(CapturedEvent captured) => (int)captured.Own[0].Scalar!;

    [Test]
    public void EventsOfSeveralBlocksComeBackInOrderEachOnce()
    {
        var count = CaptureBlock.Capacity * 2 + 17;
        var queue = Queue(count);

        Assert.That(queue.Count, Is.EqualTo(count));
        var events = queue.TakeAll();
        Assert.That(events.Select(Number), Is.EqualTo(Enumerable.Range(0, count)));
        Assert.That(events.Select(e => e.Sequence), Is.EqualTo(Enumerable.Range(1, count).Select(n => (long)n)), "numbers rise in queue order, without gaps");
        Assert.That(events.Select(e => e.Shared).Distinct().Count(), Is.EqualTo(1), "the context is still shared");
        Assert.That(queue.Count, Is.Zero);
        Assert.That(queue.TakeAll(), Is.Empty, "nothing is taken twice");
    }

    [Test]
    public void SpentBlocksAreUsedAgainAndCarryEachLaterEventIntact()
    {
        var queue = new CaptureQueue();
        var logged = 0;
        var taken = new List<int>();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.Sink(new CallSiteCaptureSink(queue, new DeliveryLedger(), int.MaxValue)).CreateLogger())
        {
            // A steady flow through many blocks: each round logs more than a block and takes it all back.
            for (var round = 0; round < 12; round++)
            {
                for (var i = 0; i < CaptureBlock.Capacity + 300; i++)
                    logger.Information("Record {Number}", logged++);
                var batch = new List<CapturedEvent>();
                queue.Take(int.MaxValue, batch);
                taken.AddRange(batch.Select(Number));
                queue.Recycle(batch);
            }
        }

        Assert.That(taken, Is.EqualTo(Enumerable.Range(0, logged)), "every event once, in order, through reused blocks");
        Assert.That(queue.SpareBlocks, Is.GreaterThan(0), "spent blocks are kept for reuse");
        Assert.That(queue.BlocksMade, Is.LessThan(12), "a steady flow does not make a new block for every 1,024 events");
    }

    [Test]
    public void ABatchTakesAtMostItsSizeAndTheRestWaits()
    {
        var queue = Queue(10);
        var batch = new List<CapturedEvent>();
        Assert.That(queue.Take(4, batch), Is.EqualTo(4));
        Assert.That(batch.Select(Number), Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Assert.That(queue.Count, Is.EqualTo(6));
        Assert.That(queue.LastSequence, Is.EqualTo(10));
    }

    [Test]
    public void ABlockIsALargeObjectThatTheCollectorNeverCopies()
    {
        Assert.That(new CaptureBlock().StorageGeneration, Is.EqualTo(GC.MaxGeneration),
            "a block's storage is allocated on the large-object heap, which belongs to the oldest generation from the start");
    }

    [Test]
    public void TakingFromABlockThatHoldsNothingMoreIsAnErrorNotAnotherEvent()
    {
        var block = new CaptureBlock();
        Assert.Throws<InvalidOperationException>(() => block.TakeNext());
    }

    [Test]
    public void TheEventObjectsOfASettledBatchAreUsedAgainAsNewPendingEvents()
    {
        var queue = Queue(7);
        var first = new List<CapturedEvent>();
        queue.Take(3, first);
        // What delivery leaves on them: sent twice, degraded, cut, settled one way or the other.
        foreach (var captured in first)
        {
            captured.Sends = 2;
            captured.DegradedReason = "status 400";
            captured.TruncateTo = 1024;
        }
        first[0].TryMarkDelivered();
        first[1].TryMarkFailed();
        first[2].TryMarkDelivered();
        var objects = first.ToList();
        queue.Recycle(first);
        Assert.That(queue.Pooled, Is.EqualTo(3));

        var second = new List<CapturedEvent>();
        queue.Take(4, second);

        Assert.That(second.Take(3), Is.EquivalentTo(objects).Using<CapturedEvent>(ReferenceEquals), "the same objects, not new ones");
        Assert.That(queue.Pooled, Is.Zero);
        Assert.That(second.Select(Number), Is.EqualTo(new[] { 3, 4, 5, 6 }), "each holds its new event");
        Assert.That(second.Select(e => e.Sequence), Is.EqualTo(new long[] { 4, 5, 6, 7 }), "and its document id");
        Assert.That(second.All(e => e.IsPending && e.Sends == 0 && e.DegradedReason is null && e.TruncateTo is null), Is.True,
            "nothing of the delivery of the event it stood for before");
    }

    [Test]
    public void EventsStillPendingAreNeverUsedAgain()
    {
        var queue = Queue(2);
        var batch = new List<CapturedEvent>();
        queue.Take(2, batch);
        batch[0].TryMarkDelivered();

        queue.Recycle(batch);
        Assert.That(queue.Pooled, Is.EqualTo(1), "only the settled event; the pending one is left alone");
    }

    [Test]
    public void NumbersAndFlagsAreKeptUnboxedAndComeBackAsTheyWere()
    {
        var queue = Queue(1, (logger, _) =>
            logger.Information("{Int} {Long} {Double} {Flag} {Text} {Day}", 42, 1L << 40, 2.5, true, "text", new DateTime(2030, 1, 2)));

        var captured = queue.TakeAll().Single();
        Assert.That(captured.Own.ToArray().Select(p => (p.Name, p.Scalar)), Is.EqualTo(new[]
        {
            ("Int", (object?)42), ("Long", 1L << 40), ("Double", 2.5), ("Flag", true), ("Text", "text"), ("Day", new DateTime(2030, 1, 2)),
        }));

        // Up to two own properties are kept inline, numbers and flags without their box.
        foreach (var (a, b) in new (object, object)[] { (7, false), (1L << 40, 2.5), (-1, "acme"), (-0.25, true) })
        {
            var two = Queue(1, (logger, _) => logger.Information("{A} {B}", a, b)).TakeAll().Single();
            Assert.That(two.Own.ToArray().Select(p => p.Scalar), Is.EqualTo(new[] { a, b }));
            Assert.That(two.Own[0].Scalar!.GetType(), Is.EqualTo(a.GetType()));
            Assert.That(two.Own[1].Scalar!.GetType(), Is.EqualTo(b.GetType()));
        }
    }
}
