using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.DurableBuffer;

/// <summary>
/// Issue 17 point 2, end to end: a child process runs the real sink with <c>bufferPath</c>, logs numbered events and
/// confirms each once its logging call returned; it is killed at random moments, several times, some of them while
/// Elasticsearch is down so the events pile up on disk; then a sink in this process opens the same path and ships
/// what is left. Each child numbers from its own range (round × <see cref="RoundSpan"/>), so a number names one
/// logging call of one process and a number stored twice is a document doubled, never a call made twice.
/// </summary>
public class DurableCrashTests : DurableBufferTest
{
    const int Kills = 5;
    const int RoundSpan = 1_000_000;

    [Test]
    public async Task Sinks_killed_with_write_through_lose_no_confirmed_event_and_the_next_sink_ships_each_once()
    {
        var (runs, context) = await KillRepeatedly(flushInterval: null);
        var listener = new RecordingFailureListener();
        await ShipWhatIsLeft(listener);

        var stored = StoredNumbers();
        var confirmed = runs.SelectMany(r => r.Confirmed).ToHashSet();
        var interrupted = stored.Where(n => !confirmed.Contains(n)).ToList();
        TestContext.Out.WriteLine($"confirmed {confirmed.Count}, delivered {stored.Count} ({interrupted.Count} of them interrupted calls), {context}");
        Assert.Multiple(() =>
        {
            Assert.That(Doubled(), Is.Empty, "doubled: 0; " + context);
            Assert.That(confirmed.Except(stored), Is.Empty, "every confirmed number is stored; " + context);
            // The one call a kill interrupted may have reached the disk before the kill: it is shipped too, once.
            Assert.That(interrupted, Is.SubsetOf(runs.Select(r => r.Unconfirmed)), "beyond them only calls a kill interrupted; " + context);
            Assert.That(stored, Has.Count.EqualTo(confirmed.Count + interrupted.Count), "delivered = confirmed + interrupted-but-written");
            Assert.That(Reported(listener), Is.Empty, "reported: 0");
            Assert.That(LeftOnDisk(), Is.Zero, "left on disk: 0");
        });
    }

    [Test]
    public async Task Sinks_killed_with_a_flush_interval_lose_at_most_the_unwritten_tail_of_each_run_and_double_nothing()
    {
        var (runs, context) = await KillRepeatedly(flushInterval: TimeSpan.FromMilliseconds(200));
        var listener = new RecordingFailureListener();
        await ShipWhatIsLeft(listener);

        var stored = StoredNumbers();
        var storedSet = stored.ToHashSet();
        // With an interval the logging call returns once the event is queued; the spool writes it to the file moments
        // later. A kill loses what was still in memory: the last events a run confirmed, never one before a stored one.
        var lost = runs.Select(r => r.Confirmed.Where(n => !storedSet.Contains(n)).ToList()).ToList();
        var confirmed = runs.Sum(r => r.Confirmed.Count);
        var interrupted = stored.Count(n => !runs.Any(r => r.Confirmed.Contains(n)));
        // For the report only (no assertion on wall-clock time): how long before its kill each run's first lost event
        // was confirmed, as read through the pipe.
        var lostWindows = runs.Select((r, i) => lost[i].Count == 0 ? "none" : $"{r.BeforeKill(r.Confirmed.Count - lost[i].Count).TotalMilliseconds:0} ms");
        TestContext.Out.WriteLine($"confirmed {confirmed}, delivered {stored.Count} ({interrupted} interrupted calls), lost per run: " +
                                  string.Join(", ", lost.Select(l => l.Count)) + "; lost since before the kill: " + string.Join(", ", lostWindows) + "; " + context);
        Assert.Multiple(() =>
        {
            Assert.That(Doubled(), Is.Empty, "doubled: 0; " + context);
            for (var i = 0; i < runs.Count; i++)
            {
                var tail = runs[i].Confirmed.Skip(runs[i].Confirmed.Count - lost[i].Count);
                Assert.That(lost[i], Is.EqualTo(tail), $"run {i} lost only its unwritten tail; " + context);
            }
            Assert.That(interrupted, Is.LessThanOrEqualTo(Kills), "beyond the confirmed, at most the call each kill interrupted");
            Assert.That(stored, Has.Count.EqualTo(confirmed - lost.Sum(l => l.Count) + interrupted), "delivered = confirmed - lost tails + interrupted-but-written");
            Assert.That(Reported(listener), Is.Empty, "reported: 0");
            Assert.That(LeftOnDisk(), Is.Zero, "left on disk: 0");
        });
    }

    /// <summary>Runs and kills <see cref="Kills"/> children on the buffer path, the server down for every second one.</summary>
    async Task<(List<SinkChild.Run> Runs, string Context)> KillRepeatedly(TimeSpan? flushInterval)
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var runs = new List<SinkChild.Run>();
        for (var round = 0; round < Kills; round++)
        {
            var serverDown = round % 2 == 1;
            if (serverDown)
                await Server.StopAsync();
            else if (!Server.IsRunning)
                await Server.RestartAsync();
            var after = TimeSpan.FromMilliseconds(random.Next(100, 700));
            var run = await SinkChild.RunAndKill(BufferPath, Server.Url, Index, round * RoundSpan, after, flushInterval);
            TestContext.Out.WriteLine($"round {round} (seed {seed}): server {(serverDown ? "down" : "up")}, killed {after.TotalMilliseconds} ms after " +
                                      $"its first confirmation, {run.Confirmed.Count} confirmed, {StoredNumbers().Count} stored so far");
            Assert.That(run.Confirmed, Is.Not.Empty, $"round {round} (seed {seed}): the child confirmed nothing; its SelfLog: {run.SelfLog}");
            runs.Add(run);
        }
        if (!Server.IsRunning)
            await Server.RestartAsync();
        return (runs, $"seed {seed}, runs from {string.Join(", ", runs.Select(r => $"{r.First} ({r.Confirmed.Count})"))}");
    }
}
