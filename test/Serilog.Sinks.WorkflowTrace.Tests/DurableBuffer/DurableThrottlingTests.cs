using Serilog.Core;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.DurableBuffer;

/// <summary>
/// Issue 17 point 8f: Elasticsearch answers 429 (too many requests) to every bulk request for many attempts, longer
/// than <c>retryTimeLimit</c>, then recovers. The batch waits on disk with the bookmark where it was, and when the
/// answers are good again every event arrives once.
/// </summary>
public class DurableThrottlingTests : DurableBufferTest
{
    const int Logged = 300;
    const int Throttled = 10;

    [Test]
    public async Task Answers_of_429_for_many_attempts_keep_the_bookmark_in_place_until_delivery_and_then_every_event_arrives_once()
    {
        Server.Faults.FailWithStatus(429, times: Throttled);
        var listener = new RecordingFailureListener();
        var bookmark = Path.Combine(BufferPath, "bookmark");
        var bookmarkDuringThrottling = false;
        await using (var logger = DurableLogger(listener, o =>
                     {
                         // Two requests an attempt: the ten 429s last five attempts, about 2.5 s, five times retryTimeLimit.
                         o.MaxRetries = 1;
                         o.RetryTimeLimit = TimeSpan.FromMilliseconds(500);
                     }))
        {
            for (var i = 0; i < Logged; i++)
                NumberedEvents.Log(logger, i);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (Server.Faults.Count > 0 && watch.Elapsed < Eventually.Patience)
            {
                bookmarkDuringThrottling |= File.Exists(bookmark);
                await Task.Delay(5);
            }
            Assert.That(Server.Faults.Count, Is.Zero, "the server answered 429 ten times");
            Assert.That(StoredNumbers(), Is.Empty, "nothing stored while throttled");
            await Eventually.WaitFor(() => StoredNumbers().Count >= Logged, "every event delivered once the server takes them");
            await Eventually.WaitFor(() => File.Exists(bookmark), "the bookmark moved after delivery");
        }

        Assert.Multiple(() =>
        {
            Assert.That(bookmarkDuringThrottling, Is.False, "the bookmark did not move while every attempt was refused");
            Assert.That(StoredNumbers().Order(), Is.EqualTo(Enumerable.Range(0, Logged)), "delivered: 300, each once");
            Assert.That(Doubled(), Is.Empty, "doubled: 0");
            Assert.That(Reported(listener), Is.Empty, "reported (given up): 0");
            Assert.That(listener.Failures.Count(f => f.Kind == LoggingFailureKind.Temporary), Is.EqualTo(Throttled / 2),
                "each failed attempt (two requests each) was told as kept for another try");
            Assert.That(LeftOnDisk(), Is.Zero, "left on disk: 0");
        });
    }
}
