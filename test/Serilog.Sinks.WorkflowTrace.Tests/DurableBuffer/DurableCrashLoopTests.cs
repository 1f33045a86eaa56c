using System.Globalization;
using System.Text.RegularExpressions;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.DurableBuffer;

/// <summary>
/// Issue 17 point 8b: a crash loop on one buffer path while Elasticsearch answers, slowly. Sinks in this process are
/// opened, log, and are closed before they can ship everything (the server holds an answer past their
/// <c>shutdownTimeout</c>); every third round a child process is killed instead. Each sink ships what the last one
/// left. After a final sink: every event delivered once, none reported, none left.
/// </summary>
public partial class DurableCrashLoopTests : DurableBufferTest
{
    const int Rounds = 6;
    const int PerSink = 300;
    const int RoundSpan = 1_000_000;

    [GeneratedRegex(@"(\d+) event\(s\) were not delivered before the sink closed")]
    private static partial Regex LeftSentence();

    [Test]
    public async Task Sinks_opened_and_closed_or_killed_in_a_loop_on_one_path_deliver_every_event_once()
    {
        var listener = new RecordingFailureListener();
        using var selfLog = new SelfLogCollector();
        var logged = new List<int>();
        var interrupted = new List<int>();
        var random = new Random(Environment.TickCount);
        for (var round = 0; round < Rounds; round++)
        {
            var first = round * RoundSpan;
            if (round % 3 == 2)
            {
                var run = await SinkChild.RunAndKill(BufferPath, Server.Url, Index, first, TimeSpan.FromMilliseconds(random.Next(100, 500)), flushInterval: null);
                logged.AddRange(run.Confirmed);
                interrupted.Add(run.Unconfirmed);
                TestContext.Out.WriteLine($"round {round}: child killed after {run.Confirmed.Count} confirmed");
                continue;
            }

            // The first request of this sink is processed, its answer held longer than the sink waits when closing.
            Server.Faults.DelayResponse(TimeSpan.FromSeconds(3));
            await using (var logger = DurableLogger(listener, o => o.ShutdownTimeout = TimeSpan.FromSeconds(1)))
            {
                for (var i = first; i < first + PerSink; i++)
                {
                    NumberedEvents.Log(logger, i);
                    logged.Add(i);
                }
            }
            TestContext.Out.WriteLine($"round {round}: sink closed, {StoredNumbers().Count} stored so far");
        }
        Server.Faults.Clear();
        await ShipWhatIsLeft(listener);

        var stored = StoredNumbers();
        var storedInterrupted = stored.Except(logged).ToList();
        var leftAtClose = selfLog.Lines.Select(l => LeftSentence().Match(l)).Where(m => m.Success).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        var resent = TimesSent().Count(p => p.Value > 1);
        TestContext.Out.WriteLine($"logged {logged.Count} (+{storedInterrupted.Count} interrupted calls stored), delivered {stored.Count}, " +
                                  $"said to be left at a close {leftAtClose}, sent more than once {resent}");
        Assert.Multiple(() =>
        {
            Assert.That(leftAtClose, Is.GreaterThan(0), "the closes left events on disk: the loop crossed sinks");
            Assert.That(logged.Except(stored), Is.Empty, "every logged (confirmed) event delivered");
            Assert.That(storedInterrupted, Is.SubsetOf(interrupted), "beyond them only calls a kill interrupted");
            Assert.That(Doubled(), Is.Empty, "doubled: 0");
            Assert.That(stored, Has.Count.EqualTo(logged.Count + storedInterrupted.Count), "delivered = logged (+ interrupted-but-written)");
            Assert.That(Reported(listener), Is.Empty, "reported: 0");
            Assert.That(LeftOnDisk(), Is.Zero, "left on disk: 0");
        });
    }
}
