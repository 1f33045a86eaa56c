using Serilog.Configuration;
using Serilog.Core;
using Serilog.Sinks.WorkflowTrace.Bootstrap;
using Serilog.Sinks.WorkflowTrace.Bulk;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Delivery;
using Serilog.Sinks.WorkflowTrace.Mapping;
using Serilog.Sinks.WorkflowTrace.Transport;

namespace Serilog.Sinks.WorkflowTrace;

/// <summary>
/// Wires one sink from validated settings: the capture sink on the logging thread, Serilog's batching sink, and
/// the batched sink that builds and ships bulk requests.
/// </summary>
static class WorkflowTraceSinkFactory
{
    /// <summary>First retry after about this long, then doubling (with jitter).</summary>
    static readonly TimeSpan RetryBaseDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Room left in a request for the action line and newline of a document cut to fit.</summary>
    const int ActionLineAllowance = 512;

    public static ILogEventSink Create(WorkflowTraceSettings settings, IElasticsearchTransport? transport = null, TimeProvider? time = null)
    {
        var monitor = new SinkMonitor(settings.IndexName, settings.QueueLimit, time);
        var ledger = new DeliveryLedger(monitor);
        var ids = new DocumentIdFactory();
        var documents = new TraceDocumentWriter(settings, HostFacts.Current);
        var payload = new BulkPayloadBuilder(settings.IndexFormat, documents, ids, settings.MaxRequestBytes - ActionLineAllowance);

        NodePool? pool = null;
        if (transport is null)
        {
            pool = new NodePool(settings.Hosts, settings.DeadTimeout, settings.MaxDeadTimeout, time);
            transport = new NodePoolTransport(pool, new HttpConnection(settings), settings.Timeout, monitor);
        }
        monitor.Attach(() => ledger.Held, pool);

        var retrying = new RetryingTransport(transport, settings.MaxRetries, RetryBaseDelay, time, monitor);
        var bootstrapper = new IndexBootstrapper(retrying, settings.Bootstrap);
        var batched = new WorkflowTraceBatchedSink(
            retrying, ledger, payload, ids, settings.IndexFormat, settings.BufferSize, bootstrapper, monitor,
            settings.MaxRequestBytes, settings.MaxRetries, RetryBaseDelay, time);
        ledger.SetLastChance(batched.LastChance);

        var batchingOptions = new BatchingOptions
        {
            BatchSizeLimit = settings.BufferSize,
            BufferingTimeLimit = settings.FlushInterval,
            // The capture sink enforces the limit and reports what it turns away; Serilog's own limit would
            // discard events without telling anyone.
            QueueLimit = null,
            EagerlyEmitFirstEvent = true,
        };

        var batching = LoggerSinkConfiguration.CreateSink(sinks => sinks.Sink(batched, batchingOptions));
        if (batching is ISetLoggingFailureListener setListener)
            setListener.SetFailureListener(ledger);

        var capture = new CallSiteCaptureSink(batching, ledger, settings.QueueLimit, settings.BufferSize);
        monitor.AttachFlush(capture.FlushAsync);
        monitor.AttachQueued(() => capture.Accepted);
        return capture;
    }
}
