namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// One-shot faults for upcoming requests. Faults are taken in the order they were queued: a request takes
/// the first fault whose path filter it matches (ordinal substring of the path), and at most one fault.
/// </summary>
public sealed class FaultQueue
{
    private readonly Lock _gate = new();
    private readonly List<Fault> _pending = [];

    internal FaultQueue()
    {
    }

    /// <summary>Faults not taken yet.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>
    /// Answer with <paramref name="status"/>. With a null <paramref name="body"/> the body is what Elasticsearch
    /// (or, for 502/504, a proxy in front of it) sends for that status; 413 gets an empty body.
    /// </summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="body">The body to send verbatim, or null for the status's usual body.</param>
    /// <param name="contentType">The content type of <paramref name="body"/> (ignored when it is null).</param>
    /// <param name="times">How many requests get this answer.</param>
    /// <param name="pathContains">Only requests whose path contains this take the fault.</param>
    public void FailWithStatus(int status, string? body = null, string contentType = "application/json", int times = 1, string pathContains = "_bulk")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        ArgumentNullException.ThrowIfNull(contentType);
        Enqueue(new Fault(FaultKind.Status, pathContains) { Status = status, Body = body, ContentType = contentType }, times);
    }

    /// <summary>Abort the TCP connection without answering.</summary>
    /// <param name="times">How many requests are dropped.</param>
    /// <param name="pathContains">Only requests whose path contains this take the fault.</param>
    public void DropConnection(int times = 1, string pathContains = "_bulk") =>
        Enqueue(new Fault(FaultKind.DropConnection, pathContains), times);

    /// <summary>
    /// Wait, then process and answer normally; the wait ends early when the client gives up, and then nothing is
    /// processed. <see cref="DelayResponse"/> waits after processing instead.
    /// </summary>
    /// <param name="delay">How long to wait before processing.</param>
    /// <param name="times">How many requests are delayed.</param>
    /// <param name="pathContains">Only requests whose path contains this take the fault.</param>
    public void Delay(TimeSpan delay, int times = 1, string pathContains = "_bulk")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Enqueue(new Fault(FaultKind.Delay, pathContains) { Delay = delay }, times);
    }

    /// <summary>
    /// Process the request normally (documents are stored), send the status, the headers and the first half of the
    /// body, then close the connection: the client fails while reading the answer. An answer without a body (a
    /// <c>HEAD</c>, a 413) has nothing to cut and arrives whole.
    /// </summary>
    /// <param name="times">How many answers are cut.</param>
    /// <param name="pathContains">Only requests whose path contains this take the fault.</param>
    public void DropMidResponse(int times = 1, string pathContains = "_bulk") =>
        Enqueue(new Fault(FaultKind.DropMidResponse, pathContains), times);

    /// <summary>
    /// Process the request normally (documents are stored), then wait before answering, so a client timeout fires
    /// after the work was done; the wait ends early when the client gives up. <see cref="Delay"/> waits before.
    /// </summary>
    /// <param name="delay">How long to wait between processing and answering.</param>
    /// <param name="times">How many answers are delayed.</param>
    /// <param name="pathContains">Only requests whose path contains this take the fault.</param>
    public void DelayResponse(TimeSpan delay, int times = 1, string pathContains = "_bulk")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Enqueue(new Fault(FaultKind.DelayResponse, pathContains) { Delay = delay }, times);
    }

    /// <summary>
    /// Fail items of the next bulk request(s): <paramref name="rule"/> is asked about every item, and an
    /// <see cref="ItemError"/> it returns becomes that item's answer. It is asked before
    /// <see cref="FakeElasticsearch.ItemRule"/>.
    /// </summary>
    /// <param name="rule">Returns the error for an item, or null to process it normally.</param>
    /// <param name="times">How many bulk requests the rule applies to.</param>
    public void FailItems(Func<BulkItemContext, ItemError?> rule, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Enqueue(new Fault(FaultKind.FailItems, "_bulk") { ItemRule = rule }, times);
    }

    /// <summary>Forget all faults not taken yet.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
        }
    }

    internal Fault? TakeFor(string path)
    {
        lock (_gate)
        {
            var index = _pending.FindIndex(f => path.Contains(f.PathContains, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var fault = _pending[index];
            _pending.RemoveAt(index);
            return fault;
        }
    }

    private void Enqueue(Fault fault, int times)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        ArgumentNullException.ThrowIfNull(fault.PathContains);
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
            {
                _pending.Add(fault);
            }
        }
    }
}
