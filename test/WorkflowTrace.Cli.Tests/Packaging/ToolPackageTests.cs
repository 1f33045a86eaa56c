using System.Diagnostics;
using System.IO.Compression;

namespace WorkflowTrace.Cli.Tests.Packaging;

/// <summary>
/// Installing from a checkout as the README says: <c>dotnet pack</c> the tool, <c>dotnet tool install --add-source</c>
/// from that folder (no other source needed: the package carries the sink and the in-memory server), then run it.
/// Packs the build the tests already made (<c>--no-build</c>), into a temporary folder, with a private NuGet cache.
/// </summary>
[NonParallelizable]
public class ToolPackageTests
{
    string _temp = null!;

    [SetUp]
    public void CreateTemp() => Directory.CreateDirectory(_temp = Path.Combine(Path.GetTempPath(), "wt-pack-" + Guid.NewGuid().ToString("N")[..8]));

    [TearDown]
    public void DeleteTemp() => Directory.Delete(_temp, recursive: true);

    [Test]
    public async Task ThePackedToolInstallsFromItsFolderAloneAndRunsTheDemoWithTheServerItCarries()
    {
        var output = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); // test/<project>/bin/<Configuration>/net10.0
        var configuration = output.Parent!.Name;
        var root = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var packages = Path.Combine(_temp, "packages");
        var tools = Path.Combine(_temp, "tools");

        var pack = await RunAsync("dotnet", "pack", Path.Combine(root, "src", "WorkflowTrace.Cli", "WorkflowTrace.Cli.csproj"), "-c", configuration, "--no-build", "-o", packages);
        Assert.That(pack.ExitCode, Is.EqualTo(0), pack.Output);
        var package = Directory.GetFiles(packages, "WorkflowTrace.Cli.*.nupkg").Single();
        using (var zip = ZipFile.OpenRead(package))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.That(names, Has.Member("tools/net10.0/any/Serilog.Sinks.WorkflowTrace.dll"));
            Assert.That(names, Has.Member("tools/net10.0/any/Serilog.Sinks.WorkflowTrace.TestServer.dll"), "the in-memory server is carried, as it is not packable");
            using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            Assert.That(await nuspec.ReadToEndAsync(), Does.Not.Contain("<dependency "), "a tool package has no dependencies to find elsewhere");
        }

        var install = await RunAsync("dotnet", "tool", "install", "--tool-path", tools, "--add-source", packages, "WorkflowTrace.Cli");
        Assert.That(install.ExitCode, Is.EqualTo(0), install.Output);

        var help = await RunAsync(Path.Combine(tools, "workflow-trace"), "--help");
        Assert.That(help.ExitCode, Is.EqualTo(0), help.Output);
        Assert.That(help.Output, Does.Contain("dev-server").And.Contain("demo").And.Contain("show"));

        var demo = await RunAsync(Path.Combine(tools, "workflow-trace"), "demo");
        Assert.That(demo.ExitCode, Is.EqualTo(0), demo.Output);
        Assert.That(demo.Output, Does.Contain("in-memory Elasticsearch-compatible development server").And.Contain("Read back run demo-"));
    }

    async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _temp };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["NUGET_PACKAGES"] = Path.Combine(_temp, "nuget-cache"); // never an older package of the same version
        start.Environment["WORKFLOWTRACE_ES_URL"] = "";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
