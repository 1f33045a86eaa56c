using Serilog.Sinks.WorkflowTrace.TestServer;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Commands;

/// <summary>Point 4: each expected failure of health and the management commands is one line on stderr, its own exit code, no stack trace.</summary>
public class FailureExitCodeTests
{
    /// <summary>Each command that talks to the cluster, and the path prefix whose refusal (403) it meets first.</summary>
    static readonly object[] Commands =
    [
        new object[] { new[] { "health" }, "_cluster" },
        new object[] { new[] { "indices" }, "_cat" },
        new object[] { new[] { "mapping" }, "workflow-traces" },
        new object[] { new[] { "template", "show" }, "" },
        new object[] { new[] { "template", "install" }, "_index_template" },
        new object[] { new[] { "prune", "--older-than", "30d" }, "_cat" },
    ];

    static readonly object[] IndexCommands =
    [
        new object[] { new[] { "indices" } },
        new object[] { new[] { "mapping" } },
        new object[] { new[] { "prune", "--older-than", "30d" } },
    ];

    static readonly object[] BadArguments =
    [
        new object[] { new[] { "health", "--bogus" }, "bogus" },
        new object[] { new[] { "indices", "--json", "extra" }, "extra" },
        new object[] { new[] { "prune", "--older-than", "soon" }, "--older-than: 'soon'" },
        new object[] { new[] { "mapping", "--timeout", "abc" }, "timeout" },
        new object[] { new[] { "template", "show", "--config", "no-such-appsettings.json" }, "no-such-appsettings.json" },
        new object[] { new[] { "config", "--config", "no-such-appsettings.json" }, "no-such-appsettings.json" },
        new object[] { new[] { "indices", "--config", BadConfigFile }, "bad-appsettings.json" },
    ];

    static string BadConfigFile
    {
        get
        {
            var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "bad-appsettings.json");
            File.WriteAllText(path, """{ "Serilog": { "WriteTo": [ { "Name": "WorkflowTrace", "Args": { "hosts": "http://x:9200", } ] } """);
            return path;
        }
    }

    [TestCaseSource(nameof(Commands))]
    public async Task AClusterThatDoesNotAnswerIsNamedWithoutCredentialsAndExitsCannotConnect(string[] command, string _)
    {
        var result = await CliRun.RunAsync("http://elastic:s3cr3t@127.0.0.1:9", [.. command, "--timeout", "00:00:02"]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.CannotConnect), result.ToString());
        Assert.That(result.Error, Does.Contain("127.0.0.1:9"), result.ToString());
        AssertOneCleanLine(result);
    }

    [TestCaseSource(nameof(Commands))]
    public async Task RefusedCredentialsExitAccessDeniedSayingWhatToCheck(string[] command, string _)
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { Username = "elastic", Password = "right-one" });

        var result = await CliRun.RunAsync(server.Url.ToString(), [.. command, "--username", "elastic", "--password", "wrong-one"]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.AccessDenied), result.ToString());
        Assert.That(result.Error, Does.Contain("(401)").And.Contain("username and password"), result.ToString());
        AssertOneCleanLine(result);
    }

    [TestCaseSource(nameof(Commands))]
    public async Task AMissingPrivilegeExitsAccessDeniedNamingThePrivilege(string[] command, string forbidden)
    {
        await using var server = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { Forbidden = [forbidden] });
        if (forbidden.Length > 0) // "" forbids everything, the seeding too
            await AdminSeeding.EntriesAsync(server, "workflow-traces", "run-a", "2020-01-01T10:00:00Z");

        var result = await CliRun.RunAsync(server.Url.ToString(), command);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.AccessDenied), result.ToString());
        Assert.That(result.Error, Does.Contain("(403)").And.Contain("privilege"), result.ToString());
        AssertOneCleanLine(result);
    }

    [TestCaseSource(nameof(IndexCommands))]
    public async Task AMissingIndexExitsIndexMissingNamingTheIndexAndAskingWhetherTheSinkRan(string[] command)
    {
        await using var server = await FakeElasticsearch.StartAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), [.. command, "--index", "no-such-traces"]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.IndexMissing), result.ToString());
        Assert.That(result.Error, Does.Contain("'no-such-traces'").And.Contain("Has the sink written to this cluster yet?"), result.ToString());
        AssertOneCleanLine(result);
    }

    [TestCaseSource(nameof(BadArguments))]
    public async Task BadArgumentsExitBadArgumentsWithOneLineAndTheUsageHint(string[] args, string named)
    {
        await using var server = await FakeElasticsearch.StartAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), args);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadArguments), result.ToString());
        Assert.That(result.Error, Does.Contain(named).And.Contain("--help"), result.ToString());
        Assert.That(result.Output, Is.Empty, result.ToString());
        AssertOneCleanLine(result);
    }

    [Test]
    public async Task ABadArgumentsUsageHintNamesTheCommandAsTyped()
    {
        var result = await CliRun.RunAsync("http://127.0.0.1:9", "template", "show", "--timeout", "abc");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadArguments), result.ToString());
        Assert.That(result.Error, Does.Contain("see 'workflow-trace template show --help'"), result.ToString());
        AssertOneCleanLine(result);
    }

    [TestCase("health", "> GET /_cluster/health")]
    [TestCase("indices", "> GET /_cat/indices/workflow-traces")]
    [TestCase("mapping", "> GET /workflow-traces/_mapping")]
    public async Task VerboseShowsEachRequestOnStandardError(string command, string request)
    {
        await using var server = await FakeElasticsearch.StartAsync();
        await AdminSeeding.EntriesAsync(server, "workflow-traces", "run-a", "2020-01-01T10:00:00Z");

        var result = await CliRun.RunAsync(server.Url.ToString(), command, "--verbose");

        Assert.That(result.Error, Does.Contain(request).And.Contain("-> 200"), result.ToString());
        Assert.That(result.Output, Does.Not.Contain("> GET"), result.ToString());
    }

    static void AssertOneCleanLine(CliResult result)
    {
        Assert.That(result.Error, Does.Not.Contain("   at ").And.Not.Contain("s3cr3t").And.Not.Contain("wrong-one").And.Not.Contain("right-one"), result.ToString());
        Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.StartWith("workflow-trace: "), result.ToString());
    }
}
