using Serilog.Sinks.WorkflowTrace.Reading;
using WorkflowTrace.Cli.Rendering;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Rendering;

public class RunTreeTests
{
    static readonly DateTimeOffset T0 = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    static WorkflowRunTrace Run(string id, RunStatus status, long errors, params WorkflowRunTrace[] children) => new()
    {
        RunId = id,
        Entries = [],
        Stdout = "",
        Stderr = "",
        Children = children,
        Summary = new RunSummary { RunId = id, WorkflowName = "wf-" + id, FirstTime = T0, LastTime = T0.AddSeconds(90), Entries = 12, Errors = errors, Status = status },
    };

    [Test]
    public void ChildRunsAtAnyDepthHangUnderTheirParent()
    {
        var text = RenderedText.Of(RunTree.Render(Run("root", RunStatus.Failed, 2,
            Run("child-1", RunStatus.Succeeded, 0, Run("grandchild", RunStatus.Unknown, 0)),
            Run("child-2", RunStatus.Failed, 1))));

        TestContext.Out.WriteLine(text);
        var lines = text.Split('\n');
        Assert.That(lines[0], Is.EqualTo("root wf-root failed 1m 30s (12 entries, 2 errors)"));
        Assert.That(lines[1], Is.EqualTo("├── child-1 wf-child-1 succeeded 1m 30s (12 entries)"));
        Assert.That(lines[2], Is.EqualTo("│   └── grandchild wf-grandchild unknown 1m 30s (12 entries)"));
        Assert.That(lines[3], Is.EqualTo("└── child-2 wf-child-2 failed 1m 30s (12 entries, 1 error)"));
    }

    [Test]
    public void AChildWithoutEntriesSaysSo()
    {
        var text = RenderedText.Of(RunTree.Render(new WorkflowRunTrace { RunId = "ghost", Entries = [], Stdout = "", Stderr = "" }));

        Assert.That(text.TrimEnd(), Is.EqualTo("ghost (no entries)"));
    }

    [Test]
    public void RunTableShowsEachRunsStatusInWordsAndColour()
    {
        var runs = new[]
        {
            new RunSummary { RunId = "r1", WorkflowName = "etl", FirstTime = T0, LastTime = T0.AddSeconds(2.5), Entries = 3, Errors = 1, Status = RunStatus.Failed },
            new RunSummary { RunId = "r2", WorkflowName = "etl", FirstTime = T0, LastTime = T0.AddMilliseconds(300), Entries = 2, Errors = 0, Status = RunStatus.Succeeded },
        };

        var text = RenderedText.Of(RunTable.Render(runs));
        var coloured = RenderedText.WithColours(RunTable.Render(runs));

        Assert.That(text, Does.Match(@"r1\s+etl\s+failed\s+2026-12-05 08:00:00\s+2\.5s\s+3\s+1"));
        Assert.That(text, Does.Match(@"r2\s+etl\s+succeeded\s+2026-12-05 08:00:00\s+300ms\s+2\s+0"));
        Assert.That(coloured, Does.Match("\u001b\\[(31|91)mfailed").And.Contain("\u001b[32msucceeded"));
    }
}
