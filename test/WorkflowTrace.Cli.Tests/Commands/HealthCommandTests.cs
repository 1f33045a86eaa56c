using Serilog.Sinks.WorkflowTrace.TestServer;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Commands;

public class HealthCommandTests
{
    [Test]
    public async Task HealthShowsTheClustersStatus()
    {
        await using var server = await FakeElasticsearch.StartAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), "health");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Match(@"Status\s+(green|yellow)"), result.ToString());
        Assert.That(result.Output, Does.Match(@"Nodes\s+1"), result.ToString());
    }

    [Test]
    public async Task HealthAsJsonIsOneDocument()
    {
        await using var server = await FakeElasticsearch.StartAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), "health", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        using var document = System.Text.Json.JsonDocument.Parse(result.Output);
        Assert.That(document.RootElement.GetProperty("status").GetString(), Is.AnyOf("green", "yellow"));
    }

    [Test]
    public async Task AClusterThatDoesNotAnswerIsNamedWithItsOwnExitCodeAndNoStackTrace()
    {
        var result = await CliRun.RunAsync("http://elastic:s3cr3t@127.0.0.1:9", "health", "--timeout", "00:00:02");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.CannotConnect), result.ToString());
        Assert.That(result.Error, Does.Contain("127.0.0.1:9"));
        Assert.That(result.Error, Does.Not.Contain("s3cr3t").And.Not.Contain("   at "));
    }
}
