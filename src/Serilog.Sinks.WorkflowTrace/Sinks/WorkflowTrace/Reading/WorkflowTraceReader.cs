using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Diagnostics;
using Serilog.Sinks.WorkflowTrace.Transport;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Reads traces back: one run whole, the list of runs, searches, aggregations, and the trace indices' upkeep and
/// health. It takes the sink's own connection settings (a <see cref="WorkflowTraceSinkOptions"/>, the appsettings.json
/// section that configures the sink, or the environment) and sends through the sink's transport: the same hosts,
/// credentials, TLS, timeouts and node pool. It reads the index the sink writes: a fixed name, every index of a
/// time-based name, or the data stream. Safe to use from several threads; dispose it when done.
/// </summary>
public sealed partial class WorkflowTraceReader : IDisposable
{
    readonly ReaderClient _client;
    readonly WorkflowTraceReaderOptions _options;
    readonly SinkMonitor? _monitor;

    /// <summary>A reader connected as the sink that <paramref name="connection"/> configures.</summary>
    /// <param name="connection">The sink's options: only the connection and index settings are used.</param>
    /// <param name="options">How to read; defaults when null.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public WorkflowTraceReader(WorkflowTraceSinkOptions connection, WorkflowTraceReaderOptions? options = null)
        : this(connection, options, null)
    {
    }

    /// <summary>For the command-line tool: <paramref name="decorate"/> wraps the transport (to show each request with <c>--verbose</c>).</summary>
    internal WorkflowTraceReader(WorkflowTraceSinkOptions connection, WorkflowTraceReaderOptions? options, Func<IElasticsearchTransport, IElasticsearchTransport>? decorate)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var settings = connection.BuildSettings();
        _options = Validated(options ?? new WorkflowTraceReaderOptions());
        _monitor = new SinkMonitor(settings.IndexName, settings.QueueLimit);
        var pool = new NodePool(settings.Hosts, settings.DeadTimeout, settings.MaxDeadTimeout);
        var transport = new NodePoolTransport(pool, new HttpConnection(settings), settings.Timeout, _monitor);
        IElasticsearchTransport sending = decorate is null ? transport : decorate(transport);
        _client = new ReaderClient(new RetryingTransport(sending, settings.MaxRetries, WorkflowTraceDefaults.RetryBaseDelay), settings.Hosts, settings.Timeout);
        Index = settings.IndexFormat.TemplatePattern;
    }

    /// <summary>For tests: a reader over a given transport.</summary>
    internal WorkflowTraceReader(IElasticsearchTransport transport, IReadOnlyList<Uri> nodes, string index, TimeSpan timeout, WorkflowTraceReaderOptions? options = null)
    {
        _options = Validated(options ?? new WorkflowTraceReaderOptions());
        _client = new ReaderClient(transport, nodes, timeout);
        Index = index;
    }

    /// <summary>The index name, pattern (every index of a time-based name) or data stream the reader reads.</summary>
    public string Index { get; }

    internal ReaderClient Client => _client;

    internal WorkflowTraceReaderOptions Options => _options;

    static WorkflowTraceReaderOptions Validated(WorkflowTraceReaderOptions options)
    {
        if (options.PageSize is < 1 or > 10_000)
            throw new ArgumentException($"PageSize must be between 1 and 10000; it was {options.PageSize}.", nameof(options));
        if (options.KeepAlive < TimeSpan.FromSeconds(1))
            throw new ArgumentException($"KeepAlive must be at least one second; it was {options.KeepAlive}.", nameof(options));
        return options;
    }

    /// <summary>Closes the reader's connections.</summary>
    public void Dispose()
    {
        _client.Dispose();
        _monitor?.Dispose();
    }
}
