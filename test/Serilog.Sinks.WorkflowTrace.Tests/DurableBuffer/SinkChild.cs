using System.Globalization;
using Serilog.Sinks.WorkflowTrace.Tests.Buffering;

namespace Serilog.Sinks.WorkflowTrace.Tests.DurableBuffer;

/// <summary>
/// Runs test/Serilog.Sinks.WorkflowTrace.BufferCrashChild in its <c>sink</c> mode: the real sink with <c>bufferPath</c>
/// logging numbered events, each number printed once its logging call returned; killed (the whole process tree) a
/// while after its first confirmation.
/// </summary>
static class SinkChild
{
    /// <summary>One run of the child: the numbers it confirmed, in order, and what its SelfLog wrote.</summary>
    /// <param name="First">The first number it logged.</param>
    /// <param name="Confirmed">The numbers it confirmed, in order.</param>
    /// <param name="ReadAt">When this process read each confirmation, on a stopwatch started at the run (for reports, not assertions).</param>
    /// <param name="KilledAt">When the kill was sent, on the same stopwatch.</param>
    /// <param name="SelfLog">What its SelfLog wrote.</param>
    public sealed record Run(int First, IReadOnlyList<int> Confirmed, IReadOnlyList<TimeSpan> ReadAt, TimeSpan KilledAt, string SelfLog)
    {
        /// <summary>How long before the kill the confirmation of <paramref name="index"/> was read.</summary>
        public TimeSpan BeforeKill(int index) => KilledAt - ReadAt[index];

        /// <summary>The number it was logging when killed: logged perhaps, never confirmed.</summary>
        public int Unconfirmed => Confirmed.Count == 0 ? First : Confirmed[^1] + 1;
    }

    /// <summary>
    /// Starts the child logging from <paramref name="first"/> to <paramref name="url"/>, waits
    /// <paramref name="after"/> past its first confirmation, and kills it.
    /// </summary>
    public static async Task<Run> RunAndKill(string bufferPath, Uri url, string index, int first, TimeSpan after, TimeSpan? flushInterval)
    {
        string[] interval = flushInterval is { } value ? [((int)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)] : [];
        using var child = BufferCrashChild.Start(["sink", bufferPath, url.ToString(), index, first.ToString(CultureInfo.InvariantCulture), .. interval]);
        var confirmed = new List<int>();
        var readAt = new List<TimeSpan>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var firstConfirmed = new TaskCompletionSource();
        var reading = Task.Run(async () =>
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (confirmed)
                {
                    confirmed.Add(int.Parse(line, CultureInfo.InvariantCulture));
                    readAt.Add(clock.Elapsed);
                }
                firstConfirmed.TrySetResult();
            }
            firstConfirmed.TrySetResult();
        });
        var errors = child.StandardError.ReadToEndAsync();
        await firstConfirmed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(after);
        var killedAt = clock.Elapsed;
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        await reading;
        return new Run(first, confirmed, readAt, killedAt, await errors);
    }
}
