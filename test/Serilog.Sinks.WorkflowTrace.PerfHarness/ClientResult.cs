namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>What one client process measured; printed as one JSON line for the orchestrator.</summary>
sealed record ClientResult(
    string Name,
    long Events,
    double EventsPerSecond,
    double LoggingMicrosecondsPerCall,
    double AllocatedBytesPerEvent,
    long PeakWorkingSetBytes,
    double WireBytesPerEvent,
    long Delivered,
    double LoggingCpuMicrosecondsPerCall = double.NaN,
    double ProcessCpuMicrosecondsPerEvent = double.NaN);
