using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Delivery;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Capture;

/// <summary>
/// Queued events are stored in blocks, each handing Serilog's batching one envelope per event: read back in order,
/// each once, across block boundaries, through Serilog's retries of a failed batch and through a drained queue.
/// </summary>
public class EnvelopeReaderTests
{
    /// <summary>Logs <paramref name="count"/> events numbered 0.. through the capture step; returns its envelopes.</summary>
    static List<LogEvent> Envelopes(int count, Action<ILogger, int>? log = null)
    {
        var envelopes = new ListSink();
        using (var logger = new LoggerConfiguration().MinimumLevel.Verbose()
                   .WriteTo.Sink(new CallSiteCaptureSink(envelopes, new DeliveryLedger(), int.MaxValue)).CreateLogger())
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
        return envelopes.Events.ToList();
    }

    static int Number(CapturedEvent captured) => (int)captured.Own[0].Scalar!;

    [Test]
    public void EventsOfSeveralBlocksComeBackInOrderEachOnce()
    {
        var count = CaptureBlock.Capacity * 2 + 17;
        var envelopes = Envelopes(count);

        Assert.That(envelopes, Has.Count.EqualTo(count), "one envelope per event, as Serilog's batching counts them");
        Assert.That(envelopes.Distinct().Count(), Is.EqualTo(3), "one envelope object per block");

        var events = EnvelopeReader.TakeAll(envelopes);
        Assert.That(events.Select(Number), Is.EqualTo(Enumerable.Range(0, count)));
        Assert.That(events.Select(e => e.Sequence).Distinct().Count(), Is.EqualTo(count), "document ids stay unique");
        Assert.That(events.Select(e => e.Shared).Distinct().Count(), Is.EqualTo(1), "the context is still shared");
    }

    [Test]
    public void ABlockIsALargeObjectThatTheCollectorNeverCopies()
    {
        var envelopes = Envelopes(1);
        var block = CaptureBlock.From(envelopes[0])!;

        Assert.That(block.StorageGeneration, Is.EqualTo(GC.MaxGeneration),
            "a block's storage is allocated on the large-object heap, which belongs to the oldest generation from the start");
    }

    [Test]
    public void AnEnvelopeReadTwiceIsAnErrorNotAnotherEvent()
    {
        var envelopes = Envelopes(3);
        EnvelopeReader.TakeAll(envelopes);
        Assert.Throws<InvalidOperationException>(() => EnvelopeReader.TakeAll(envelopes.Take(1)));
    }

    [Test]
    public void ARetriedBatchGivesTheSameEventsAndOnlyWhatWasQueuedSinceIsNew()
    {
        var envelopes = Envelopes(10);
        var reader = new EnvelopeReader();
        // Serilog's batching hands on the same queue object every time, as here.
        var batch = new Queue<LogEvent>(envelopes.Take(4));

        var first = reader.ReadBatch(batch);
        Assert.That(first.Select(Number), Is.EqualTo(new[] { 0, 1, 2, 3 }));
        first[1].TryMarkDelivered();

        // The attempt failed: the batch is retried with what was queued since behind it.
        foreach (var envelope in envelopes.Skip(4).Take(3))
            batch.Enqueue(envelope);
        var retried = reader.ReadBatch(batch);
        Assert.That(retried.Take(4), Is.EqualTo(first).Using<CapturedEvent>(ReferenceEquals), "the very same events, with their delivery state");
        Assert.That(retried[1].IsPending, Is.False);
        Assert.That(retried.Select(Number), Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5, 6 }));

        // Delivered: Serilog clears the queue and fills it again; those are new events.
        reader.BatchFinished();
        batch.Clear();
        foreach (var envelope in envelopes.Skip(7))
            batch.Enqueue(envelope);
        Assert.That(reader.ReadBatch(batch).Select(Number), Is.EqualTo(new[] { 7, 8, 9 }));
    }

    [Test]
    public void TheEventObjectsOfADeliveredBatchAreUsedAgainAsNewPendingEvents()
    {
        var envelopes = Envelopes(7);
        var reader = new EnvelopeReader();
        var batch = new Queue<LogEvent>(envelopes.Take(3));

        var first = reader.ReadBatch(batch).ToList();
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
        reader.BatchFinished();
        reader.Recycle(first.ToList());
        Assert.That(reader.Pooled, Is.EqualTo(3));

        batch.Clear();
        foreach (var envelope in envelopes.Skip(3))
            batch.Enqueue(envelope);
        var second = reader.ReadBatch(batch);

        Assert.That(second.Take(3), Is.EquivalentTo(first).Using<CapturedEvent>(ReferenceEquals), "the same objects, not new ones");
        Assert.That(reader.Pooled, Is.Zero);
        Assert.That(second.Select(Number), Is.EqualTo(new[] { 3, 4, 5, 6 }), "each holds its new event");
        Assert.That(second.Select(e => e.Sequence), Is.EqualTo(envelopes.Skip(3).Select((_, i) => (long)(4 + i))), "and its document id");
        Assert.That(second.All(e => e.IsPending && e.Sends == 0 && e.DegradedReason is null && e.TruncateTo is null), Is.True,
            "nothing of the delivery of the event it stood for before");
    }

    [Test]
    public void EventsStillPendingOrOfTheBatchInFlightAreNeverUsedAgain()
    {
        var envelopes = Envelopes(4);
        var reader = new EnvelopeReader();
        var batch = new Queue<LogEvent>(envelopes.Take(2));
        var inFlight = reader.ReadBatch(batch);
        inFlight[0].TryMarkDelivered();

        reader.Recycle(inFlight);
        Assert.That(reader.Pooled, Is.Zero, "the batch in flight may still be retried");

        reader.BatchFinished();
        reader.Recycle(inFlight);
        Assert.That(reader.Pooled, Is.EqualTo(1), "only the settled event; the pending one is left alone");
    }

    [Test]
    public void ANotificationForTheBatchInFlightNamesItsEventsAndADrainedQueueTheNextOnes()
    {
        var envelopes = Envelopes(8);
        var reader = new EnvelopeReader();
        var batch = new Queue<LogEvent>(envelopes.Take(2));
        var inFlight = reader.ReadBatch(batch);

        Assert.That(reader.ReadNotified(batch, givenUp: false), Is.SameAs(inFlight), "a failure that will be retried");
        Assert.That(reader.ReadNotified(batch, givenUp: true), Is.SameAs(inFlight), "the batch dropped");

        // Serilog's batching drains the queue into a list of its own when it gives up.
        var drained = envelopes.Skip(2).Take(4).ToList();
        Assert.That(reader.ReadNotified(drained, givenUp: true).Select(Number), Is.EqualTo(new[] { 2, 3, 4, 5 }));

        // A dropped batch is done with: the same queue object, refilled, holds new events.
        batch.Clear();
        foreach (var envelope in envelopes.Skip(6))
            batch.Enqueue(envelope);
        Assert.That(reader.ReadBatch(batch).Select(Number), Is.EqualTo(new[] { 6, 7 }));
    }

    [Test]
    public void NumbersAndFlagsAreKeptUnboxedAndComeBackAsTheyWere()
    {
        var envelopes = Envelopes(1, (logger, _) =>
            logger.Information("{Int} {Long} {Double} {Flag} {Text} {Day}", 42, 1L << 40, 2.5, true, "text", new DateTime(2030, 1, 2)));

        var captured = EnvelopeReader.TakeAll(envelopes).Single();
        Assert.That(captured.Own.ToArray().Select(p => (p.Name, p.Scalar)), Is.EqualTo(new[]
        {
            ("Int", (object?)42), ("Long", 1L << 40), ("Double", 2.5), ("Flag", true), ("Text", "text"), ("Day", new DateTime(2030, 1, 2)),
        }));

        // Up to two own properties are kept inline, numbers and flags without their box.
        foreach (var (a, b) in new (object, object)[] { (7, false), (1L << 40, 2.5), (-1, "acme"), (-0.25, true) })
        {
            var two = EnvelopeReader.TakeAll(Envelopes(1, (logger, _) => logger.Information("{A} {B}", a, b))).Single();
            Assert.That(two.Own.ToArray().Select(p => p.Scalar), Is.EqualTo(new[] { a, b }));
            Assert.That(two.Own[0].Scalar!.GetType(), Is.EqualTo(a.GetType()));
            Assert.That(two.Own[1].Scalar!.GetType(), Is.EqualTo(b.GetType()));
        }
    }
}
