using System.Diagnostics;

namespace Serilog.Sinks.WorkflowTrace.Tests.Buffering;

/// <summary>Starts test/Serilog.Sinks.WorkflowTrace.BufferCrashChild, built beside the tests.</summary>
static class BufferCrashChild
{
    const string Project = "Serilog.Sinks.WorkflowTrace.BufferCrashChild";

    static string DllPath()
    {
        // test/<project>/bin/<Configuration>/net10.0 -> test/
        var output = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        var configuration = output.Parent!.Name;
        var test = output.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = System.IO.Path.Combine(test, Project, "bin", configuration, "net10.0", Project + ".dll");
        Assert.That(File.Exists(path), Is.True, $"the child is built before the tests: {path}");
        return path;
    }

    /// <summary>Starts the child with its output and input redirected.</summary>
    public static Process Start(params string[] arguments) =>
        Process.Start(new ProcessStartInfo("dotnet", [DllPath(), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        })!;
}
