using Serilog.Core;
using Serilog.Sinks.WorkflowTrace.Bootstrap;
using Serilog.Sinks.WorkflowTrace.Bulk;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Delivery;
using Serilog.Sinks.WorkflowTrace.Diagnostics;
using Serilog.Sinks.WorkflowTrace.Mapping;
using Serilog.Sinks.WorkflowTrace.Pipeline;
using Serilog.Sinks.WorkflowTrace.Transport;

namespace Serilog.Sinks.WorkflowTrace;

/// <summary>
/// Wires one sink from validated settings, in the order an event travels: the capture sink on the logging
/// thread, the queue it fills, and the delivery loop that empties it through the bulk shipper and the transport.
/// </summary>
static class WorkflowTraceSinkFactory
{
    /// <summary>Room left in a request for the action line and newline of a document cut to fit.</summary>
    const int ActionLineAllowance = 512;

    public static ILogEventSink Create(WorkflowTraceSettings settings, IElasticsearchTransport? transport = null, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
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

        var retrying = new RetryingTransport(transport, settings.MaxRetries, WorkflowTraceDefaults.RetryBaseDelay, time, monitor);
        var bootstrap = new BootstrapSchedule(new IndexBootstrapper(retrying, settings.Bootstrap), settings.FlushInterval, time, monitor.Error);
        var shipper = new BulkShipper(retrying, ledger, payload, ids, settings.IndexFormat, monitor,
            settings.MaxRequestBytes, settings.MaxRetries, WorkflowTraceDefaults.RetryBaseDelay, time);

        var queue = new CaptureQueue();
        var timings = new DeliveryTimings(settings.BufferSize, settings.FlushInterval, settings.Timeout, settings.RetryTimeLimit, settings.ShutdownTimeout);
        if (settings.Buffer is { } bufferSettings)
            return CreateDurable(bufferSettings, queue, ids, ledger, monitor, shipper, bootstrap, timings, pool, settings, time);

        var loop = new DeliveryLoop(new QueueSource(queue, ledger), shipper, ledger, monitor, bootstrap, timings, time);
        var capture = new CallSiteCaptureSink(queue, ledger, settings.QueueLimit, loop, settings.BufferSize);
        MonitoredSink.Register(monitor, () => ledger.Held, pool, () => capture.Accepted, capture.FlushAsync);
        loop.Start();
        return capture;
    }

    /// <summary>
    /// With <c>bufferPath</c>: the logging calls fill the queue as without it, a spool writes the queue to the buffer's
    /// files, and the loop ships from the files.
    /// </summary>
    static CallSiteCaptureSink CreateDurable(DurableBufferSettings bufferSettings, CaptureQueue queue, DocumentIdFactory ids, DeliveryLedger ledger,
        SinkMonitor monitor, BulkShipper shipper, BootstrapSchedule bootstrap, DeliveryTimings timings, NodePool? pool,
        WorkflowTraceSettings settings, TimeProvider time)
    {
        DurableBuffer buffer;
        try
        {
            buffer = DurableBuffer.Open(bufferSettings, time, monitor, ledger);
        }
        catch
        {
            shipper.Dispose();
            monitor.Dispose();
            throw;
        }
        var spool = buffer.CreateSpool(queue, ids, ledger);
        var source = buffer.CreateSource(spool, queue, ids, ledger);
        var loop = new DeliveryLoop(source, shipper, ledger, monitor, bootstrap, timings, time);
        var capture = new CallSiteCaptureSink(queue, ledger, settings.QueueLimit, loop, settings.BufferSize, spool, bufferSettings.WriteThrough, buffer.Dispose);
        MonitoredSink.Register(monitor, () => (int)Math.Min(int.MaxValue, ledger.Held + source.Pending), pool, () => capture.Accepted, capture.FlushAsync);
        spool.Start(() => loop.Nudge(source.Count));
        loop.Start();
        return capture;
    }
}
