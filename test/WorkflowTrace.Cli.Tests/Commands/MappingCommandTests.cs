using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.TestServer;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Commands;

public class MappingCommandTests
{
    [Test]
    public async Task AnIndexTheSinkCreatedMatchesTheContractAndExitsZero()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        await AdminSeeding.WriteThroughTheSinkAsync(server, "sink-traces");

        var result = await CliRun.RunAsync(server.Url.ToString(), "mapping", "--index", "sink-traces");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Match(@"sink-traces: matches the contract \(\d+ fields\)"), result.ToString());
        Assert.That(result.Output, Does.Not.Contain("DRIFT"), result.ToString());
    }

    [Test]
    public async Task APythonCreatedIndexShowsEachFieldInForceAgainstTheContractWithDriftMarkedAndItsOwnExitCode()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        await AdminSeeding.SendAsync(server, HttpMethod.Put, "python-traces", AdminSeeding.PythonMapping);

        var result = await CliRun.RunAsync(server.Url.ToString(), "mapping", "--index", "python-traces");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.MappingDrift), result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Match(@"python-traces: \d+ of \d+ contract fields drift"), result.ToString());
            Assert.That(result.Output, Does.Match(@"thread\s+.\s+long\s+.\s+integer\s+.\s+DRIFT"), result.ToString());
            Assert.That(result.Output, Does.Match(@"workflow_name\s+.\s+keyword\s+.\s+\(not mapped\)\s+.\s+DRIFT"), result.ToString());
            Assert.That(result.Output, Does.Match(@"run_id\s+.\s+keyword\s+.\s+keyword\s+.\s+ok"), result.ToString());
            Assert.That(result.Output, Does.Contain("1 of 1 index drifts from the contract"), result.ToString());
        });
    }

    [Test]
    public async Task MappingAsJsonGivesEachIndexsDifferencesAndStillExitsWithDrift()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        await AdminSeeding.SendAsync(server, HttpMethod.Put, "python-traces", AdminSeeding.PythonMapping);

        var result = await CliRun.RunAsync(server.Url.ToString(), "mapping", "--index", "python-traces", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.MappingDrift), result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        var report = document.RootElement[0];
        Assert.That(report.GetProperty("index").GetString(), Is.EqualTo("python-traces"));
        Assert.That(report.GetProperty("matchesContract").GetBoolean(), Is.False);
        var thread = report.GetProperty("differences").EnumerateArray().Single(d => d.GetProperty("field").GetString() == "thread");
        Assert.That(thread.GetProperty("expected").GetString(), Is.EqualTo("long"));
        Assert.That(thread.GetProperty("actual").GetString(), Is.EqualTo("integer"));
    }
}
