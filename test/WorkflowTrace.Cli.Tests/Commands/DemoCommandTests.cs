using Serilog.Sinks.WorkflowTrace.TestServer;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Commands;

public class DemoCommandTests
{
    [Test]
    public async Task WithoutAClusterTheDemoTracesIntoTheInMemoryServerSaysSoAndShowsTheRunReadBack()
    {
        var result = await CliRun.RunAsync(url: null, "demo");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        var flat = DevServerCommandTests.Flat(result.Output);
        Assert.That(flat, Does.Contain("No cluster given").And.Contain(InMemoryServer.Label), result.ToString());
        Assert.That(flat, Does.Match(@"Read back run demo-\S+: \d+ entries, 1 error\(s\), status failed, 1 child run\(s\)"), result.ToString());
        Assert.That(result.Output, Does.Match(@"error\s+build/render-charts\s+Job render-charts failed in"), result.ToString());
        Assert.That(result.Output, Does.Match(@"└── demo-\S+-mail mail-report succeeded"), result.ToString());
        Assert.That(result.Output, Does.Match(@"render-charts\s+█+\s+\+\d+ms\s+\d+ms\s+failed"), result.ToString());
        Assert.That(result.Output, Does.Match(@"download-stock\s+█+\s+\+\d+ms\s+\d+ms\s+succeeded"), result.ToString());
        Assert.That(flat, Does.Contain("the run is gone"));
    }

    [Test]
    public async Task WithAClusterGivenTheDemoTracesIntoItAndStartsNoServerOfItsOwn()
    {
        await using var server = await FakeElasticsearch.StartAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), "demo");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Not.Contain("in-memory"), result.ToString());
        Assert.That(DevServerCommandTests.Flat(result.Output), Does.Match(@"See it again: workflow-trace show demo-\S+"));
        var documents = server.Documents.Select(d => d.Source).ToList();
        var runIds = documents.Select(d => d.GetProperty("run_id").GetString()).Distinct().ToList();
        Assert.That(runIds, Has.Count.EqualTo(2));
        Assert.That(documents.Where(d => d.TryGetProperty("parent_run_id", out var parent) && parent.GetString() is not null)
            .Select(d => d.GetProperty("run_id").GetString()).Distinct().Single(), Does.EndWith("-mail"));
        var failure = documents.Single(d => d.GetProperty("level").GetString() == "error");
        Assert.That(failure.GetProperty("job_name").GetString(), Is.EqualTo("render-charts"));
        Assert.That(failure.GetProperty("exception_type").GetString(), Is.EqualTo("System.InvalidOperationException"));
    }

    [Test]
    public async Task AClusterThatDoesNotAnswerIsNamedWithItsOwnExitCodeBeforeAnythingIsTraced()
    {
        var result = await CliRun.RunAsync($"http://127.0.0.1:{DevServerRun.FreePort()}", "demo", "--timeout", "00:00:02");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.CannotConnect), result.ToString());
        Assert.That(result.Error, Does.Contain("127.0.0.1:"));
        Assert.That(result.Output, Does.Not.Contain("Tracing workflow"));
        Assert.That(result.Error, Does.Not.Contain("   at "));
    }
}
