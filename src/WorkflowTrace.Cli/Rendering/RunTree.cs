using System.Globalization;
using Serilog.Sinks.WorkflowTrace.Reading;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>A run and its child runs, at any depth, as a tree: each node the run id, workflow, status, duration and entries.</summary>
static class RunTree
{
    /// <summary>The tree rooted at <paramref name="run"/>.</summary>
    public static IRenderable Render(WorkflowRunTrace run)
    {
        var tree = new Tree(Label(run));
        foreach (var child in run.Children)
            Add(tree.AddNode(Label(child)), child);
        return tree;
    }

    static void Add(TreeNode node, WorkflowRunTrace run)
    {
        foreach (var child in run.Children)
            Add(node.AddNode(Label(child)), child);
    }

    /// <summary>One node's text.</summary>
    public static string Label(WorkflowRunTrace run)
    {
        var id = $"[bold]{Markup.Escape(run.RunId)}[/]";
        if (run.Summary is not { } summary) return $"{id} [grey](no entries)[/]";
        var entries = Count(summary.Entries, "entry", "entries");
        var errors = summary.Errors > 0 ? $", [red]{Count(summary.Errors, "error", "errors")}[/]" : "";
        return $"{id} {Markup.Escape(summary.WorkflowName ?? "-")} [{LevelStyle.Of(summary.Status)}]{LevelStyle.Name(summary.Status)}[/] " +
               $"{DurationText.Of(summary.Duration)} ({entries}{errors})";
    }

    static string Count(long n, string one, string many) => $"{n.ToString(CultureInfo.InvariantCulture)} {(n == 1 ? one : many)}";
}
