using System.Text.RegularExpressions;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Samples;

/// <summary>
/// The original's reading sections as a compiled sample (src/Samples/WorkflowTrace.ReadingExamples), run as a user
/// would against a loopback Elasticsearch and judged by what it prints.
/// </summary>
public class ReadingExamplesTests
{
    const string Project = "WorkflowTrace.ReadingExamples";
    static int Count(string output, string pattern) => Regex.Matches(output, pattern, RegexOptions.Multiline).Count;

    [Test]
    public async Task EverySectionOfTheOriginalReadsBackTheRunsItWrote()
    {
        await using var server = await FakeElasticsearch.StartAsync();

        var (exitCode, output) = await SampleProgram.RunAsync(Project, server.Url.ToString());
        await TestContext.Out.WriteLineAsync(output);

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("Wrote 12 entries in runs etl-"));
            Assert.That(output, Does.Contain("12 of 12 entries searchable"));
            // find_traces -> ListRunsAsync
            Assert.That(output, Does.Contain("Found 3 trace sessions"));
            Assert.That(output, Does.Match(@"etl-\w{8}: data-pipeline, 5 entries, 1 errors, Failed"));
            Assert.That(output, Does.Match(@"report-\w{8}: data-pipeline, 3 entries, 0 errors, \w+, child of etl-\w{8}"));
            Assert.That(output, Does.Match(@"billing-\w{8}: billing, 4 entries, 0 errors"));
            // find_trace_with_id -> FindRunAsync, with the child run and the stderr view
            Assert.That(output, Does.Contain("Found trace with 5 log entries and 1 child run(s)"));
            Assert.That(output, Does.Match(@"child report-\w{8}: 3 entries"));
            Assert.That(output, Does.Contain("❌ Load failed"));
            // a workflow since a date: the 8 entries of data-pipeline
            Assert.That(Count(output, @"^  Log: "), Is.EqualTo(8));
            // Advanced Queries
            Assert.That(output, Does.Contain("Errors of the last day (1 in the index)"));
            Assert.That(output, Does.Contain("Entries of user-123 (8 in the index)"));
            Assert.That(output, Does.Contain("Entries tagged service:workflow or team:data (5 in the index)"));
            Assert.That(output, Does.Contain("data-pipeline: 8 entries, 1 errors"));
            Assert.That(output, Does.Contain("billing: 4 entries, 0 errors"));
            // Index Management Commands
            Assert.That(output, Does.Contain("Index: workflow-traces, Docs: 12"));
            Assert.That(output, Does.Contain("workflow-traces: matches the field contract"));
            Assert.That(output, Does.Contain("refresh_interval set to 5s on every trace index"));
            Assert.That(output, Does.Contain("PruneAsync refused: The reader reads the fixed index 'workflow-traces'"));
            // Health Checks
            Assert.That(output, Does.Match("Cluster status: (green|yellow)"));
            Assert.That(output, Does.Contain("Done."));
        });
        Assert.That(server.Requests.Count(r => r.Method == "PUT" && r.Path.EndsWith("/_settings", StringComparison.Ordinal)), Is.EqualTo(2),
            "refresh_interval set, then set back");
        Assert.That(server.DocumentCount, Is.EqualTo(12), "pruning deleted nothing");
    }

    [Test]
    public async Task ABadVariableIsNamedAndNothingIsWritten()
    {
        var (exitCode, output) = await SampleProgram.RunAsync(Project, new Dictionary<string, string>
        {
            ["WORKFLOWTRACE_ES_URL"] = "http://127.0.0.1:9",
            ["WORKFLOWTRACE_TIMEOUT"] = "thirty seconds",
        });

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("Configuration refused: Environment variable WORKFLOWTRACE_TIMEOUT:").And.Contain("'timeout'"));
    }

    [Test]
    public async Task WithoutAClusterTheSampleSaysWhichUrlDidNotAnswer()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exitCode, output) = await SampleProgram.RunAsync(Project, $"http://elastic:s3cr3t-pw@127.0.0.1:{port}");

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("Reading failed:").And.Contain($"127.0.0.1:{port}"));
        Assert.That(output, Does.Not.Contain("s3cr3t-pw"), "the password of the URL is never printed");
    }
}
