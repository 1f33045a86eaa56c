using System.Diagnostics;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>Runs a sample under src/Samples as a newcomer would, built beside the tests, against a given cluster URL.</summary>
static class SampleProgram
{
    static string PathOf(string project)
    {
        // test/<project>/bin/<Configuration>/net10.0 -> repository root
        var output = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        var configuration = output.Parent!.Name;
        var root = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "src", "Samples", project, "bin", configuration, "net10.0", project + ".dll");
        Assert.That(File.Exists(path), Is.True, $"the sample is built before the tests: {path}");
        return path;
    }

    /// <summary>Runs <paramref name="project"/> with WORKFLOWTRACE_ES_URL set; returns its exit code and all it printed.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(string project, string url, params string[] arguments) =>
        RunAsync(project, new Dictionary<string, string> { ["WORKFLOWTRACE_ES_URL"] = url }, arguments);

    /// <summary>Runs <paramref name="project"/> with the given environment variables set; returns its exit code and all it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string project, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [PathOf(project), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
