using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// Seeds a loopback server through the sink for the reader-config tests: two workflows, a run with a child run, every
/// level, users and tags, so that each reader operation has something to page through.
/// </summary>
static class ReaderConfigSeeding
{
    /// <summary>Time-based, so that every operation reads a pattern and pruning has whole indices to judge.</summary>
    public const string Index = "reader-traces-{0:yyyy.MM.dd}";
    public const string ParentRun = "run-parent-0001";
    public const string ChildRun = "run-child-0002";
    public const string OtherRun = "run-other-0003";

    /// <summary>How many entries <see cref="WriteRunsAsync"/> writes.</summary>
    public const int Entries = 12;

    public static async Task WriteRunsAsync(FakeElasticsearch server)
    {
        using (var logger = new LoggerConfiguration()
                   .MinimumLevel.Verbose()
                   .WriteTo.WorkflowTrace(hosts: server.Url.ToString(), indexName: Index, environment: "test")
                   .CreateLogger())
        {
            var parent = logger.ForContext("RunId", ParentRun).ForContext("WorkflowName", "data-pipeline").ForContext("UserId", "user-123")
                .ForContext("Tags", new[] { "service:workflow", "team:data" });
            parent.Information("Starting {Workflow}", "data-pipeline");
            parent.ForContext("StageName", "extract").Debug("Reading {Rows} rows", 120);
            parent.ForContext("StageName", "extract").Warning("Slow source");
            parent.ForContext("StageName", "load").Error(new InvalidOperationException("timeout"), "Load failed");
            parent.Information("Finished");

            var child = logger.ForContext("RunId", ChildRun).ForContext("ParentRunId", ParentRun).ForContext("WorkflowName", "data-pipeline");
            child.Information("Child started");
            child.ForContext("JobName", "send-report").Information("Report sent");
            child.Error("Child failed");

            var other = logger.ForContext("RunId", OtherRun).ForContext("WorkflowName", "billing").ForContext("UserId", "user-456");
            other.Information("Billing started");
            other.Verbose("Detail");
            other.Warning("Retrying");
            other.Information("Billing finished");
        }
        await server.WaitForDocumentsAsync(Entries, TimeSpan.FromSeconds(20));
    }
}
