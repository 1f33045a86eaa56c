using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Commands;

public class ConfigCommandTests
{
    [Test]
    public async Task EachSettingShowsWhereItCameFromFlagsBeforeEnvironmentBeforeTheConfigFile()
    {
        var config = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"appsettings-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """
            { "Serilog": { "WriteTo": [ { "Name": "WorkflowTrace", "Args": { "hosts": "http://from-config:9200", "indexName": "config-traces", "username": "config-user", "password": "config-secret" } } ] } }
            """);
        var variables = new Dictionary<string, string?> { ["WORKFLOWTRACE_ES_URL"] = "http://from-env:9200", ["WORKFLOWTRACE_PASSWORD"] = "env-secret" };

        var result = await CliRun.RunAsync(variables, "config", "--config", config, "--url", "http://from-flag:9200");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Match(@"hosts\s+.\s+http://from-flag:9200\s+.\s+flag --url"));
            Assert.That(result.Output, Does.Match(@"password\s+.\s+\*\*\*\s+.\s+env WORKFLOWTRACE_PASSWORD"));
            Assert.That(result.Output, Does.Match(@"indexName\s+.\s+config-traces\s+.\s+config appsettings"));
            Assert.That(result.Output, Does.Match(@"username\s+.\s+config-user\s+.\s+config appsettings"));
            Assert.That(result.Output, Does.Not.Contain("secret"));
        });
    }

    [Test]
    public async Task SettingsNotGivenShowTheSinksRealDefaults()
    {
        var result = await CliRun.RunAsync(new Dictionary<string, string?>(), "config");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Match(@"timeout\s+.\s+00:00:30\s+.\s+default"), result.ToString());
            Assert.That(result.Output, Does.Match(@"maxRetries\s+.\s+3\s+.\s+default"), result.ToString());
            Assert.That(result.Output, Does.Match(@"indexName\s+.\s+workflow-traces\s+.\s+default"), result.ToString());
            Assert.That(result.Output, Does.Not.Contain("(none)"), result.ToString());
        });
    }

    [Test]
    public async Task APasswordInAUrlIsNeverShownEvenWhenItHoldsASeparator()
    {
        var result = await CliRun.RunAsync(new Dictionary<string, string?>(), "config", "--url", "http://elastic:pa,ss;wd@localhost:9200");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Contain("http://***@localhost:9200"), result.ToString());
        Assert.That(result.Output, Does.Not.Contain("pa,").And.Not.Contain("ss;").And.Not.Contain("wd@"), result.ToString());
    }
}
