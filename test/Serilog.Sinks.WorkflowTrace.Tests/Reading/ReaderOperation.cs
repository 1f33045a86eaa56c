using Serilog.Sinks.WorkflowTrace.Reading;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>One reader operation, named for the test it makes.</summary>
/// <param name="Name">What it does, e.g. <c>FindRunAsync with children</c>.</param>
/// <param name="Run">The operation, run to its end (a stream read whole, or stopped where it says).</param>
/// <param name="SendsBody">Whether it must send at least one request with a body (searches, counts, settings).</param>
public sealed record ReaderOperation(string Name, Func<WorkflowTraceReader, Task> Run, bool SendsBody)
{
    public override string ToString() => Name;
}
