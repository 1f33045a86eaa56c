using Serilog.Debugging;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>Collects SelfLog output for the duration of a test (SelfLog is process-wide: tests run one at a time).</summary>
sealed class SelfLogCollector : IDisposable
{
    readonly List<string> _lines = [];

    public SelfLogCollector()
    {
        SelfLog.Enable(line =>
        {
            lock (_lines) _lines.Add(line);
        });
    }

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return _lines.ToList(); }
    }

    public string Text => string.Join(Environment.NewLine, Lines);

    public void Dispose() => SelfLog.Disable();
}
