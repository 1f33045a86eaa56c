using Serilog.Debugging;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>
/// Collects SelfLog output like <see cref="SelfLogCollector"/>, and with each line a value read at the moment the
/// line was written (e.g. how many requests a server had received by then), so a test can tell what had happened
/// before the sink reported something, without racing the sink.
/// </summary>
sealed class SelfLogWithState<T> : IDisposable
{
    readonly List<(string Line, T State)> _lines = [];

    public SelfLogWithState(Func<T> state)
    {
        SelfLog.Enable(line =>
        {
            var value = state();
            lock (_lines) _lines.Add((line, value));
        });
    }

    public IReadOnlyList<(string Line, T State)> Lines
    {
        get { lock (_lines) return _lines.ToList(); }
    }

    public string Text => string.Join(Environment.NewLine, Lines.Select(l => l.Line));

    public void Dispose() => SelfLog.Disable();
}
