namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>What an injected fault does to the request that takes it.</summary>
internal enum FaultKind
{
    Status,
    DropConnection,
    Delay,
    DropMidResponse,
    DelayResponse,
    FailItems,
}
