using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Configuration;

/// <summary>
/// Validated, immutable settings of one sink instance. Built only by <see cref="WorkflowTraceSettingsBuilder"/>,
/// so every instance has passed validation.
/// </summary>
sealed class WorkflowTraceSettings
{
    public required IReadOnlyList<Uri> Hosts { get; init; }
    public required string IndexName { get; init; }

    /// <summary>The parsed <see cref="IndexName"/>: fixed or time-based. Not thread-safe: one per sink, used by its batch thread.</summary>
    public required IndexNameFormat IndexFormat { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? ApiKey { get; init; }
    public string? ApiKeyId { get; init; }
    public string? BearerToken { get; init; }
    public System.Security.Cryptography.X509Certificates.X509Certificate2? ClientCertificate { get; init; }
    public TimeSpan DeadTimeout { get; init; } = WorkflowTraceDefaults.DeadTimeout;
    public TimeSpan MaxDeadTimeout { get; init; } = WorkflowTraceDefaults.MaxDeadTimeout;
    public int MaxRequestBytes { get; init; } = WorkflowTraceDefaults.MaxRequestBytes;
    public required int BufferSize { get; init; }
    public required TimeSpan FlushInterval { get; init; }
    public required int QueueLimit { get; init; }
    public required TimeSpan Timeout { get; init; }
    public required int MaxRetries { get; init; }
    public TimeSpan RetryTimeLimit { get; init; } = WorkflowTraceDefaults.RetryTimeLimit;
    public TimeSpan ShutdownTimeout { get; init; } = WorkflowTraceDefaults.ShutdownTimeout;
    public bool VerifyCertificates { get; init; } = true;
    public string? CertificateFingerprint { get; init; }

    /// <summary>The private authority (or bundle) of <c>caCertificatePath</c>, loaded and checked at start-up.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2Collection? CaCertificates { get; init; }
    public bool SampleProcessMetrics { get; init; }
    public bool CompressRequests { get; init; }
    public required TraceContextDefaults Context { get; init; }

    public required BootstrapSettings Bootstrap { get; init; }

    /// <summary>The durable buffer's settings; null when events wait in memory only (no <c>bufferPath</c>).</summary>
    public DurableBufferSettings? Buffer { get; init; }

    /// <summary>The minimum level is applied by Serilog's pipeline; kept here for diagnostics.</summary>
    public LogEventLevel MinimumLevel { get; init; } = LogEventLevel.Verbose;
}
