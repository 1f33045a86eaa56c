using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>
/// A run's waterfall: one row per stage and job on a shared time axis — its name, a bar from its start to its end
/// drawn with block characters (green succeeded, red failed, grey unfinished), its offset from the run's start, its
/// duration and outcome in words, so that it reads the same without colours.
/// </summary>
static class Timeline
{
    /// <summary>The narrowest and widest bar column.</summary>
    const int MinimumBar = 10, MaximumBar = 100;

    /// <summary>
    /// The timeline of <paramref name="steps"/> between <paramref name="runStart"/> and <paramref name="runEnd"/>, its
    /// bars scaled to fit <paramref name="consoleWidth"/> columns.
    /// </summary>
    public static IRenderable Render(IReadOnlyList<TimelineStep> steps, DateTimeOffset runStart, DateTimeOffset runEnd, int consoleWidth)
    {
        foreach (var step in steps)
        {
            if (step.Start < runStart) runStart = step.Start;
            if (step.End > runEnd) runEnd = step.End;
        }

        var total = runEnd - runStart;
        var labelWidth = steps.Count == 0 ? 4 : Math.Max(4, steps.Max(s => s.Label.Length));
        var barWidth = Math.Clamp(consoleWidth - labelWidth - 44, MinimumBar, MaximumBar);
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Step")
            .AddColumn(new TableColumn(Axis(total, barWidth)).NoWrap())
            .AddColumn(new TableColumn("Start").RightAligned())
            .AddColumn(new TableColumn("Duration").RightAligned())
            .AddColumn("Outcome");
        foreach (var step in steps)
        {
            var colour = Colour(step.Outcome);
            var label = step.IsJob ? Markup.Escape(step.Label) : $"[bold]{Markup.Escape(step.Label)}[/]";
            table.AddRow(
                label,
                Bar(step.Start - runStart, step.End - step.Start, total, barWidth, colour),
                "+" + DurationText.Of(step.Start - runStart),
                DurationText.Of(step.Duration),
                $"[{colour}]{step.Outcome.ToString().ToLowerInvariant()}[/]");
        }

        return table;
    }

    /// <summary>The bar column's header: the axis from 0 to the run's length.</summary>
    public static string Axis(TimeSpan total, int width)
    {
        var end = DurationText.Of(total);
        var text = "0".PadRight(Math.Max(1, width - end.Length)) + end;
        return Markup.Escape(text);
    }

    /// <summary>
    /// One bar: blanks up to the step's offset, then block characters for its length (at least one, so that an
    /// instant step is seen), scaled so that the run's whole length is <paramref name="width"/> characters.
    /// </summary>
    public static string Bar(TimeSpan offset, TimeSpan length, TimeSpan total, int width, string colour)
    {
        int from, to;
        if (total <= TimeSpan.Zero)
        {
            (from, to) = (0, width);
        }
        else
        {
            from = (int)Math.Floor(offset / total * width);
            to = (int)Math.Ceiling((offset + length) / total * width);
        }

        from = Math.Clamp(from, 0, width - 1);
        to = Math.Clamp(Math.Max(to, from + 1), from + 1, width);
        var bar = new StringBuilder();
        bar.Append(' ', from).Append($"[{colour}]").Append('█', to - from).Append("[/]").Append(' ', width - to);
        return bar.ToString();
    }

    static string Colour(StepOutcome outcome) => outcome switch
    {
        StepOutcome.Succeeded => "green",
        StepOutcome.Failed => "red",
        _ => "grey",
    };
}
