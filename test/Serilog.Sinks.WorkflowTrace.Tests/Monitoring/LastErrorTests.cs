using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Monitoring;

/// <summary>
/// <see cref="WorkflowTraceStatus.LastError"/> and SelfLog say what went wrong — the status, Elasticsearch's
/// reason, and the setting to check — not that "a batch failed".
/// </summary>
public class LastErrorTests : LoopbackServerTest
{
    [Test]
    public async Task ARefusedLoginShowsTheStatusTheReasonAndTheSettingToCheck()
    {
        var index = "auth-" + Guid.NewGuid().ToString("N")[..8];
        Server.Faults.FailWithStatus(401, times: 1000);
        using var selfLog = new SelfLogCollector();
        using var logger = new LoggerConfiguration()
            .WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), indexName: index, maxRetries: 0, bootstrapMode: WorkflowTraceBootstrapMode.None)
            .CreateLogger();
        logger.Information("refused");

        WorkflowTraceStatus Status() => WorkflowTraceMonitoring.GetStatus().Single(s => s.IndexName == index);
        await Eventually.WaitFor(() => BulkRequests.Of(Server).Count > 0 && Status().LastError is not null, "a bulk request was refused");
        await Task.Delay(200);

        var lastError = Status().LastError!;
        Assert.That(lastError, Does.Contain("401"), "the status");
        Assert.That(lastError, Does.Contain("unable to authenticate user"), "Elasticsearch's reason");
        Assert.That(lastError, Does.Contain("username/password"), "the setting to check");
        Assert.That(selfLog.Text, Does.Contain("unable to authenticate user"));
        Assert.That(selfLog.Text, Does.Not.Contain("Failed emitting a batch"));
    }
}
