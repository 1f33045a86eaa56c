using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Rendering;

namespace WorkflowTrace.Cli.Commands;

/// <summary>
/// <c>workflow-trace search</c>: the entries the reader's query selects, one line each coloured by level, or ndjson
/// with <c>--json</c>. Lines are written as they are read, and reading stops at <c>--limit</c> (the enumeration is
/// abandoned, which closes the reader's point in time, so no further page is fetched).
/// </summary>
sealed class SearchCommand(IAnsiConsole console, CliEnvironment environment) : ReaderCommand<SearchSettings>(console, environment)
{
    protected override async Task<int> ExecuteAsync(WorkflowTraceReader reader, WorkflowTraceSinkOptions options, SearchSettings settings, CancellationToken cancellationToken)
    {
        var query = Query(settings, DateTimeOffset.UtcNow);
        var order = settings.NewestFirst ? TraceOrder.NewestFirst : TraceOrder.OldestFirst;
        var written = 0;
        await foreach (var entry in reader.SearchAsync(query, order, cancellationToken))
        {
            if (settings.Json)
                Console.Profile.Out.Writer.WriteLine(EntryJson.Line(entry));
            else
                Console.Write(EntryLine.RenderInContext(entry));
            if (++written >= settings.Limit)
                break;
        }

        if (written == 0 && !settings.Json)
            Error.WriteLine("workflow-trace: no entry matches.");
        else if (written >= settings.Limit && !settings.Json)
            Error.WriteLine($"workflow-trace: stopped at --limit {settings.Limit}; there may be more.");
        return ExitCodes.Success;
    }

    /// <summary>The reader's query the flags describe; relative times count back from <paramref name="now"/>.</summary>
    public static TraceQuery Query(SearchSettings settings, DateTimeOffset now) => new()
    {
        Text = settings.Text,
        Levels = settings.Levels.Select(l => l.ToLowerInvariant()).Distinct().ToArray(),
        WorkflowName = settings.Workflow,
        StageName = settings.Stage,
        JobName = settings.Job,
        RunId = settings.Run,
        UserId = settings.User,
        TenantId = settings.Tenant,
        Environment = settings.Environment,
        AnyTags = settings.AllTags ? [] : settings.Tags,
        AllTags = settings.AllTags ? settings.Tags : [],
        Since = settings.Since is null ? null : TimeArgument.Parse(settings.Since, now, "--since"),
        Until = settings.Until is null ? null : TimeArgument.Parse(settings.Until, now, "--until"),
    };
}
