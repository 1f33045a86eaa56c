namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>Waits, with a generous deadline, for something the sink does in the background.</summary>
static class Eventually
{
    /// <summary>How long a test waits for what should happen; far beyond what it needs.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Polls <paramref name="condition"/> until it holds, then asserts it (failing with <paramref name="what"/>).</summary>
    public static async Task WaitFor(Func<bool> condition, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(10);
        Assert.That(condition(), Is.True, "timed out waiting: " + what);
    }
}
