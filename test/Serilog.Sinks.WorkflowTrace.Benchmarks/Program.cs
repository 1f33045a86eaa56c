using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;

namespace Serilog.Sinks.WorkflowTrace.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line (<c>--filter '*'</c> for all). Unless the command line says how
/// long to run (<c>--job</c>, <c>--iterationCount</c>...), every benchmark runs one launch of 3 warmup and 10 measured
/// iterations. Results (GitHub markdown and JSON) go to this project's BenchmarkDotNet.Artifacts folder.
/// </summary>
public static class Program
{
    /// <summary>The run length used when the command line gives none: short, but with enough iterations to be stable.</summary>
    static readonly string[] DefaultRunLength = ["--launchCount", "1", "--warmupCount", "3", "--iterationCount", "10"];

    /// <summary>Options that choose or shape the job; when any is given, the command line decides the run length.</summary>
    static readonly string[] RunLengthOptions =
    [
        "-j", "--job", "--launchCount", "--warmupCount", "--minWarmupCount", "--maxWarmupCount", "--iterationTime",
        "--iterationCount", "--minIterationCount", "--maxIterationCount", "--invocationCount", "--unrollFactor",
        "--strategy", "--runOncePerIteration",
    ];

    public static int Main(string[] args)
    {
        var config = ManualConfig.CreateEmpty()
            .AddColumnProvider(DefaultConfig.Instance.GetColumnProviders().ToArray())
            .AddLogger(ConsoleLogger.Default)
            .AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray())
            .AddValidator(DefaultConfig.Instance.GetValidators().ToArray())
            .AddExporter(MarkdownExporter.GitHub, JsonExporter.Full)
            .WithArtifactsPath(Path.Combine(ProjectDirectory(), "BenchmarkDotNet.Artifacts"));

        var effectiveArgs = args.Any(IsRunLengthOption) ? args : [.. args, .. DefaultRunLength];
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(effectiveArgs, config);
        return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
    }

    static bool IsRunLengthOption(string arg) =>
        RunLengthOptions.Any(option =>
            arg.Equals(option, StringComparison.OrdinalIgnoreCase) ||
            arg.StartsWith(option + "=", StringComparison.OrdinalIgnoreCase));

    /// <summary>This project's folder, recorded at build time, so the artifacts land there wherever the run starts.</summary>
    static string ProjectDirectory() =>
        typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BenchmarkProjectDirectory")?.Value
        ?? AppContext.BaseDirectory;
}
