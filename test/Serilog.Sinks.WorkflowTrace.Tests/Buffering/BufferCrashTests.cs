using System.Globalization;
using Serilog.Sinks.WorkflowTrace.Buffering;

namespace Serilog.Sinks.WorkflowTrace.Tests.Buffering;

/// <summary>
/// A child process appends numbered events and prints each number once its append returned; it is killed at
/// random moments, several times, each new child continuing after the last number confirmed. Then everything is
/// read back: every line is whole or set aside as a torn tail, nothing before it is corrupted, and — with
/// write-through — no confirmed event is missing; with an interval only the unflushed tail of each run is.
/// </summary>
public class BufferCrashTests : BufferTestDirectory
{
    const int Rounds = 6;

    [Test]
    public async Task Killed_writers_with_write_through_lose_no_confirmed_event_and_corrupt_no_earlier_line()
    {
        var (numbers, restartedAt, next, context) = await KillRepeatedlyAndReadBack();

        Assert.Multiple(() =>
        {
            Assert.That(numbers.Distinct(), Is.SupersetOf(Range(0, next)), "every confirmed event is stored; " + context);
            // A number is stored twice only when its append had finished but the kill came before it was confirmed:
            // the next child writes it again, with the same document id, which Elasticsearch's create answers with 409.
            var doubled = numbers.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.That(doubled, Is.SubsetOf(restartedAt), "only an unconfirmed last event is written twice; " + context);
        });
    }

    [Test]
    public async Task Killed_writers_with_a_flush_interval_lose_only_the_tail_of_each_run_and_corrupt_no_earlier_line()
    {
        var (numbers, restartedAt, _, context) = await KillRepeatedlyAndReadBack("50");

        // Each run's events are stored from its first number on without a hole: only a run's unflushed tail may be
        // missing, so a jump in the numbers lands exactly on the start of a later run.
        var jumps = numbers.Zip(numbers.Skip(1)).Where(p => p.Second > p.First + 1).Select(p => p.Second).ToList();
        Assert.That(numbers, Is.Not.Empty, context);
        Assert.That(jumps, Is.SubsetOf(restartedAt), "events are lost only at the end of a killed run; " + context);
    }

    async Task<(List<long> Numbers, List<long> RestartedAt, long Next, string Context)> KillRepeatedlyAndReadBack(params string[] flush)
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        long next = 0;
        var restartedAt = new List<long>();
        for (var round = 0; round < Rounds; round++)
        {
            restartedAt.Add(next);
            var confirmed = await RunAndKill(next, TimeSpan.FromMilliseconds(random.Next(50, 400)), flush);
            Assert.That(confirmed, Is.Not.Null, $"round {round} (seed {seed}): the child confirmed nothing before it was killed");
            next = confirmed!.Value + 1;
        }

        using var directory = BufferDirectory.Open(Path);
        var reader = new BufferReader(directory, () => -1, Report);
        var numbers = reader.Read(int.MaxValue).Lines.Select(l => long.Parse(l.DocumentId[2..], CultureInfo.InvariantCulture)).ToList();
        TestContext.Out.WriteLine($"{Rounds} kills, {next} events confirmed, {numbers.Count} lines read, {reader.SetAsideLines} set aside");

        var context = $"seed {seed}, restarts at {string.Join(", ", restartedAt)}, reports: {string.Join(" | ", Reports)}";
        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(Path, "corrupt-*"), Is.Empty, "no line before the end of a segment is damaged; " + context);
            Assert.That(reader.SetAsideLines, Is.LessThanOrEqualTo(Rounds), "at most one torn tail per kill; " + context);
            Assert.That(numbers, Is.Ordered, "lines come back in the order written; " + context);
        });
        return (numbers, restartedAt, next, context);
    }

    static IEnumerable<long> Range(long from, long to)
    {
        for (var n = from; n < to; n++)
            yield return n;
    }

    /// <summary>Runs a child from <paramref name="first"/>, kills it <paramref name="after"/> its first confirmation; the last number it confirmed.</summary>
    async Task<long?> RunAndKill(long first, TimeSpan after, string[] flush)
    {
        using var child = BufferCrashChild.Start(["append", Path, first.ToString(CultureInfo.InvariantCulture), .. flush]);
        long? confirmed = null;
        var firstConfirmed = new TaskCompletionSource();
        var reading = Task.Run(async () =>
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                confirmed = long.Parse(line, CultureInfo.InvariantCulture);
                firstConfirmed.TrySetResult();
            }
            firstConfirmed.TrySetResult();
        });
        var errors = child.StandardError.ReadToEndAsync();
        await firstConfirmed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(after);
        child.Kill();
        await child.WaitForExitAsync();
        await reading;
        Assert.That(await errors, Is.Empty, "the child reported nothing");
        return confirmed;
    }
}
