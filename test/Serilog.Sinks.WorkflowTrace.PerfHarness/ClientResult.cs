using System.Text.Json;
using System.Text.Json.Serialization;

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
    double ProcessCpuMicrosecondsPerEvent = double.NaN,
    double PeakDiskBytesPerEvent = double.NaN,
    double WrittenDiskBytesPerEvent = double.NaN,
    double BacklogAtLoopEnd = double.NaN)
{
    const string Prefix = "RESULT ";

    // A figure a run does not measure (the limits have no logging thread) is NaN, which plain JSON cannot carry.
    static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The line a child process prints for the orchestrator.</summary>
    public string ToLine() => Prefix + JsonSerializer.Serialize(this, Json);

    /// <summary>The result a child printed, or null for any other line.</summary>
    public static ClientResult? Parse(string line) =>
        line.StartsWith(Prefix, StringComparison.Ordinal) ? JsonSerializer.Deserialize<ClientResult>(line[Prefix.Length..], Json) : null;
}
