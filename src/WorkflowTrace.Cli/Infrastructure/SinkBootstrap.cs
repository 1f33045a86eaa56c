using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Bootstrap;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Diagnostics;
using Serilog.Sinks.WorkflowTrace.Transport;

namespace WorkflowTrace.Cli.Infrastructure;

/// <summary>
/// The sink's own <see cref="IndexBootstrapper"/> over the tool's connection, for <c>template install</c>: the same
/// transport as the sink's (node pool, TLS, credentials, retries), shown request by request with <c>--verbose</c>.
/// </summary>
sealed class SinkBootstrap : IDisposable
{
    readonly SinkMonitor _monitor;
    readonly IElasticsearchTransport _transport;

    /// <param name="options">The effective connection.</param>
    /// <param name="verbose">Where to show each request, or null.</param>
    public SinkBootstrap(WorkflowTraceSinkOptions options, TextWriter? verbose)
    {
        var settings = options.BuildSettings();
        _monitor = new SinkMonitor(settings.IndexName, settings.QueueLimit);
        var pool = new NodePool(settings.Hosts, settings.DeadTimeout, settings.MaxDeadTimeout);
        IElasticsearchTransport sending = new NodePoolTransport(pool, new HttpConnection(settings), settings.Timeout, _monitor);
        if (verbose is not null)
            sending = new VerboseTransport(sending, verbose);
        _transport = new RetryingTransport(sending, settings.MaxRetries, WorkflowTraceDefaults.RetryBaseDelay);

        // The tool installs when asked to, whatever bootstrapMode the sink's configuration gives (None included).
        Settings = settings.Bootstrap with { Mode = WorkflowTraceBootstrapMode.Silent };
        Bootstrapper = new IndexBootstrapper(_transport, Settings);
    }

    /// <summary>The template's settings as the sink's configuration gives them.</summary>
    public BootstrapSettings Settings { get; }

    /// <summary>The sink's bootstrapper: lifecycle policy and index template, written only when not current.</summary>
    public IndexBootstrapper Bootstrapper { get; }

    public void Dispose()
    {
        _transport.Dispose();
        _monitor.Dispose();
    }
}
