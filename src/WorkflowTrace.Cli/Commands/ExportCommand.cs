using System.Text;
using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using WorkflowTrace.Cli.Export;
using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Commands;

/// <summary>
/// <c>workflow-trace export RUN</c>: the run's entries, oldest first, as text, JSON, ndjson or CLEF, to standard output
/// or a file. The run is streamed (<see cref="WorkflowTraceReader.ReadRunAsync"/>): memory does not grow with its size.
/// A file is written beside its destination and moved into place only when the export is complete, so a failed
/// export never leaves half a file under the name asked for.
/// </summary>
sealed class ExportCommand(IAnsiConsole console, CliEnvironment environment) : ReaderCommand<ExportSettings>(console, environment)
{
    protected override async Task<int> ExecuteAsync(WorkflowTraceReader reader, WorkflowTraceSinkOptions options, ExportSettings settings, CancellationToken cancellationToken)
    {
        await using var entries = reader.ReadRunAsync(settings.RunId, cancellationToken).GetAsyncEnumerator(cancellationToken);
        // The first entry is read before anything is written: a missing run prints nothing and leaves no file.
        if (!await entries.MoveNextAsync())
            throw new TraceNotFoundException(settings.RunId, reader.Index);

        if (settings.Output is null)
        {
            await ExportAsync(entries, Console.Profile.Out.Writer, settings.ExportFormat);
            return ExitCodes.Success;
        }

        var destination = Path.GetFullPath(settings.Output, Environment.CurrentDirectory);
        var partial = destination + ".partial";
        try
        {
            await using (var file = new StreamWriter(partial, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                await ExportAsync(entries, file, settings.ExportFormat);
            File.Move(partial, destination, overwrite: true);
        }
        catch (Exception failure)
        {
            if (File.Exists(partial))
                File.Delete(partial);
            if (failure is not (IOException or UnauthorizedAccessException))
                throw;
            await Error.WriteLineAsync($"workflow-trace: --output: cannot write {destination}: {failure.Message}");
            return ExitCodes.Failed;
        }

        return ExitCodes.Success;
    }

    async Task ExportAsync(IAsyncEnumerator<TraceEntry> entries, TextWriter output, ExportFormat format)
    {
        var exporter = new EntryExporter(output, format, Error);
        exporter.Begin();
        do
        {
            exporter.Write(entries.Current);
        }
        while (await entries.MoveNextAsync());
        exporter.End();
        await output.FlushAsync();
    }
}
