using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Transport;

/// <summary>
/// A server cannot make the sink allocate without bound: an answer's body is read up to a cap — a bulk answer up to
/// what its documents can need, a failure's body its first kilobytes.
/// </summary>
public class ResponseSizeTests
{
    /// <summary>256 MiB per answer: read whole, every attempt would cost at least that much.</summary>
    const long Huge = 256L * 1024 * 1024;

    /// <summary>Far above what the capped reads and one event's delivery attempts allocate, far below one huge answer.</summary>
    const long Bound = 64L * 1024 * 1024;

    [Test]
    public async Task AHugeBulkAnswerIsReadOnlyUpToItsCapAndTheRequestCountsAsFailed()
    {
        await using var server = new HugeAnswerServer(200, "{\"errors\":false,\"items\":[", Huge);
        using var selfLog = new SelfLogCollector();
        var allocated = LogOneEvent(server);

        Assert.That(server.Requests, Is.GreaterThan(0));
        Assert.That(allocated, Is.LessThan(Bound), $"allocated {allocated / 1048576.0:0.0} MiB");
        Assert.That(selfLog.Text, Does.Contain("with a body over"));
    }

    [Test]
    public async Task AHugeErrorAnswerIsReadOnlyForItsFirstKilobytes()
    {
        await using var server = new HugeAnswerServer(503, "{\"error\":{\"type\":\"overloaded\",\"reason\":\"try later\"},\"padding\":\"", Huge);
        using var selfLog = new SelfLogCollector();
        var allocated = LogOneEvent(server);

        Assert.That(server.Requests, Is.GreaterThan(0));
        Assert.That(allocated, Is.LessThan(Bound), $"allocated {allocated / 1048576.0:0.0} MiB");
        Assert.That(selfLog.Text, Does.Contain("try later"), "the reason at the start of the body is still read");
    }

    static long LogOneEvent(HugeAnswerServer server)
    {
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: server.Url.ToString(), bootstrapMode: WorkflowTraceBootstrapMode.None, maxRetries: 0, compressRequests: false)
                   .CreateLogger())
        {
            logger.Information("one event");
        }
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        TestContext.Out.WriteLine($"allocated {allocated / 1048576.0:0.0} MiB for {server.Requests} answer(s) of {Huge / 1048576} MiB");
        return allocated;
    }
}
