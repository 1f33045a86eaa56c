using System.Globalization;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;

namespace WorkflowTrace.Cli.Demo;

/// <summary>
/// Shows the demo's run as read back: a summary line, the entries in order coloured by level, the child runs as a
/// tree, and a timeline of stages and jobs. (A plain stand-in until <c>show</c>'s renderers are merged.)
/// </summary>
sealed class DemoView(IAnsiConsole console)
{
    const int TimelineWidth = 40;

    /// <summary>Entries of the run and all its descendants.</summary>
    public static int EntryCount(WorkflowRunTrace trace) => trace.Entries.Count + trace.Children.Sum(EntryCount);

    public void Write(WorkflowRunTrace trace)
    {
        var errors = trace.Entries.Count(e => e.IsError);
        var status = trace.Summary?.Status.ToString() ?? (errors > 0 ? "Failed" : "Succeeded");
        console.MarkupLine($"Read back run [bold]{Markup.Escape(trace.RunId)}[/]: {trace.Entries.Count} entries, {errors} error(s), status {Markup.Escape(status)}, {trace.Children.Count} child run(s) with {EntryCount(trace) - trace.Entries.Count} entries.");
        console.WriteLine();
        console.Write(Entries(trace));
        console.WriteLine();
        console.Write(Tree(trace));
        console.WriteLine();
        console.MarkupLine("[bold]Timeline[/] (stages and jobs on one time axis)");
        console.Write(Timeline(trace));
    }

    static Table Entries(WorkflowRunTrace trace)
    {
        var start = trace.Entries.Select(e => e.Datetime).Min() ?? DateTimeOffset.MinValue;
        var table = new Table().Border(TableBorder.Simple).AddColumns("+ms", "Level", "Stage", "Job", "Message");
        foreach (var entry in trace.Entries)
        {
            var offset = entry.Datetime is { } at ? ((at - start).TotalMilliseconds).ToString("0", CultureInfo.InvariantCulture) : "";
            var colour = Colour(entry);
            var message = entry.ExceptionType is { } type ? $"{entry.Message} ({type})" : entry.Message;
            table.AddRow(offset, $"[{colour}]{Markup.Escape(entry.Level ?? "")}[/]", Markup.Escape(entry.StageName ?? ""),
                Markup.Escape(entry.JobName ?? ""), $"[{colour}]{Markup.Escape(message ?? "")}[/]");
        }

        return table;
    }

    static Tree Tree(WorkflowRunTrace trace)
    {
        var tree = new Tree(Node(trace));
        AddChildren(tree.AddNode, trace);
        return tree;
    }

    static void AddChildren(Func<string, TreeNode> add, WorkflowRunTrace trace)
    {
        foreach (var child in trace.Children)
        {
            var node = add(Node(child));
            AddChildren(node.AddNode, child);
        }
    }

    static string Node(WorkflowRunTrace trace)
    {
        var workflow = trace.Entries.Select(e => e.WorkflowName).FirstOrDefault(w => w is not null);
        return $"[bold]{Markup.Escape(trace.RunId)}[/] {Markup.Escape(workflow ?? "")} — {trace.Entries.Count} entries, {trace.Entries.Count(e => e.IsError)} error(s)";
    }

    /// <summary>One bar per closed stage or job (its closing entry carries <c>duration_ms</c>), on the run's time axis.</summary>
    static Grid Timeline(WorkflowRunTrace trace)
    {
        var all = Flatten(trace).Where(e => e.Datetime is not null).ToList();
        var steps = all.Where(e => e.DurationMs is not null && (e.JobName ?? e.StageName) is not null && e.Message?.Contains(" in ", StringComparison.Ordinal) == true)
            .Select(e => (Entry: e, End: e.Datetime!.Value, Start: e.Datetime!.Value.AddMilliseconds(-e.DurationMs!.Value)))
            .OrderBy(s => s.Start).ToList();
        var grid = new Grid().AddColumn().AddColumn().AddColumn(new GridColumn().RightAligned()).AddColumn();
        if (steps.Count == 0)
            return grid.AddRow("(no stage or job closed)", "", "", "");
        var origin = steps.Min(s => s.Start);
        var span = Math.Max(1, (steps.Max(s => s.End) - origin).TotalMilliseconds);
        foreach (var (entry, end, begin) in steps)
        {
            var from = (int)Math.Round((begin - origin).TotalMilliseconds / span * TimelineWidth);
            var length = Math.Max(1, (int)Math.Round((end - begin).TotalMilliseconds / span * TimelineWidth));
            from = Math.Min(from, TimelineWidth - length);
            var failed = entry.IsError;
            var bar = new string(' ', from) + new string(failed ? '▓' : '█', length) + new string(' ', TimelineWidth - from - length);
            var name = entry.JobName is { } job ? $"  job {job}" : $"stage {entry.StageName}";
            grid.AddRow(Markup.Escape(name), $"[{(failed ? "red" : "green")}]{bar}[/]",
                entry.DurationMs!.Value.ToString("0", CultureInfo.InvariantCulture) + " ms", failed ? "[red]failed[/]" : "[green]ok[/]");
        }

        return grid;
    }

    static IEnumerable<TraceEntry> Flatten(WorkflowRunTrace trace) => trace.Entries.Concat(trace.Children.SelectMany(Flatten));

    static string Colour(TraceEntry entry) => entry.IsError ? "red" : entry.Level switch
    {
        "warning" => "yellow",
        "debug" or "trace" => "grey",
        _ => "default",
    };
}
