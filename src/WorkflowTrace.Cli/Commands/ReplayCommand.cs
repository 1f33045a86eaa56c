using System.Globalization;
using System.Text.Json;
using Serilog;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Buffering;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Replay;

namespace WorkflowTrace.Cli.Commands;

/// <summary>
/// <c>workflow-trace replay FILE</c>: ships the events of a CLEF file — what a fallback sink saved when the cluster
/// could not be reached, or an <c>export --format clef</c> — through the sink's own pipeline
/// (<c>WriteTo.WorkflowTrace</c> with the resolved connection), then closes it and reports how many were delivered.
/// The file is read a line at a time; a malformed line is reported with its number and skipped. Exit 0 when every
/// event was delivered; <see cref="ExitCodes.Failed"/> when one was not, or a line was skipped.
/// </summary>
sealed class ReplayCommand(IAnsiConsole console, CliEnvironment environment) : ReaderCommand<ReplaySettings>(console, environment)
{
    protected override async Task<int> ExecuteAsync(WorkflowTraceReader reader, WorkflowTraceSinkOptions options, ReplaySettings settings, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(settings.File, Environment.CurrentDirectory);
        if (!File.Exists(path))
        {
            await Error.WriteLineAsync($"workflow-trace: FILE: no file at {path}");
            return ExitCodes.BadArguments;
        }

        var failures = new ReplayFailures();
        var (sent, skipped) = await WithStatusAsync($"Replaying {Path.GetFileName(path)}…", () => ShipAsync(path, options, failures, cancellationToken));

        var failed = Math.Min(failures.Failed, sent);
        var report = new ReplayReport(path, sent, sent - failed, failed, skipped);
        foreach (var reason in failures.Reasons)
            await Error.WriteLineAsync($"workflow-trace: {reason}");
        if (settings.Json)
            Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
        else
            Console.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(path)}: {sent} event(s) replayed: {report.Delivered} delivered, {failed} not delivered; {skipped} malformed line(s) skipped"));
        return report.Complete ? ExitCodes.Success : ExitCodes.Failed;
    }

    async Task<(int Sent, int Skipped)> ShipAsync(string path, WorkflowTraceSinkOptions options, ReplayFailures failures, CancellationToken cancellationToken)
    {
        // The sink's queue is bounded (queueLimit): a large file is fed in parts, each flushed before the next, so a
        // replay never makes the sink drop what it could have delivered.
        var part = Math.Clamp(options.QueueLimit / 2, 1, 10_000);
        var parser = new ClefEventParser();
        int sent = 0, skipped = 0, lineNumber = 0;
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(LogEventLevel.Verbose)
            .WriteTo.Fallible(wt => wt.WorkflowTrace(options), failures)
            .CreateLogger();
        await using (logger)
        {
            using var file = new StreamReader(path);
            while (await file.ReadLineAsync(cancellationToken) is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                    continue;
                LogEvent logEvent;
                try
                {
                    logEvent = parser.Parse(line);
                }
                catch (FormatException malformed)
                {
                    skipped++;
                    await Error.WriteLineAsync($"workflow-trace: {Path.GetFileName(path)} line {lineNumber}: {malformed.Message}; skipped");
                    continue;
                }

                logger.Write(logEvent);
                if (++sent % part == 0)
                    await WorkflowTracing.FlushAsync(cancellationToken);
            }
        }

        return (sent, skipped);
    }
}
