using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Samples;

/// <summary>
/// The README's first command: the sample traces a workflow end to end and reads it back — into the in-memory
/// development server when WORKFLOWTRACE_ES_URL is not set — or says plainly why not.
/// </summary>
public class SampleWorkflowTests
{
    static Task<(int ExitCode, string Output)> RunSampleAsync(string url) => SampleProgram.RunAsync("WorkflowTrace.Sample", url);

    [Test]
    public async Task TheSampleTracesAWorkflowOfStagesAndJobsWithOneFailure()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        var (exitCode, output) = await RunSampleAsync(server.Url.ToString());

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("delivered to index 'workflow-traces'"));
        Assert.That(output, Does.Not.Contain("in-memory"), "a cluster was given: no stand-in");
        Assert.That(output, Does.Match(@"run sample-\S+: (\d+) of \1 entries, 1 error\(s\), status failed, 3 stages, 5 jobs"));
        var documents = server.Documents.Select(d => d.Source).ToList();
        Assert.That(documents.Select(d => d.GetProperty("run_id").GetString()).Distinct().Count(), Is.EqualTo(1));
        Assert.That(documents.Where(d => d.TryGetProperty("stage_name", out _)).Select(d => d.GetProperty("stage_name").GetString()).Distinct(),
            Is.EquivalentTo(new[] { "extract", "transform", "load" }));
        Assert.That(documents.Where(d => d.TryGetProperty("job_name", out _)).Select(d => d.GetProperty("job_name").GetString()).Distinct().Count(), Is.EqualTo(5));
        var failure = documents.Single(d => d.GetProperty("level").GetString() == "error");
        Assert.That(failure.GetProperty("exception_type").GetString(), Is.EqualTo("System.InvalidOperationException"));
        Assert.That(failure.GetProperty("stack_trace").GetString(), Does.Contain("FormatException"));
        Assert.That(failure.GetProperty("parent_span_id").GetString(), Has.Length.EqualTo(16));
    }

    [Test]
    public async Task WithoutAClusterUrlTheSampleTracesIntoTheInMemoryServerSaysSoAndReadsTheRunBack()
    {
        var (exitCode, output) = await SampleProgram.RunAsync("WorkflowTrace.Sample", new Dictionary<string, string> { ["WORKFLOWTRACE_ES_URL"] = "" });

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("WORKFLOWTRACE_ES_URL is not set"));
        Assert.That(output, Does.Contain("in-memory Elasticsearch-compatible development server — not Elasticsearch; everything is lost when it stops"));
        Assert.That(output, Does.Match(@"Done: (\d+) events of run sample-\S+ delivered"));
        Assert.That(output, Does.Match(@"Read back from index 'workflow-traces'"));
        Assert.That(output, Does.Match(@"run sample-\S+: (\d+) of \1 entries, 1 error\(s\), status failed, 3 stages, 5 jobs"), output);
        Assert.That(output, Does.Match(@"\) ❌ Job validate-data failed"), "the stderr text view");
    }

    [Test]
    public async Task WithAnUnreachableClusterTheSampleSaysWhatWasNotDelivered()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exitCode, output) = await RunSampleAsync($"http://127.0.0.1:{port}");

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("no Elasticsearch answered at"));
        Assert.That(output, Does.Match(@"Not delivered: (\d+) of \1 events"));
    }
}
