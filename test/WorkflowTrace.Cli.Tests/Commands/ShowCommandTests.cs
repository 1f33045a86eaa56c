using System.Text.Json;
using Serilog;
using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.TestServer;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Commands;

public class ShowCommandTests
{
    static readonly DateTimeOffset Start = RunsSeeding.Start;

    static async Task<FakeElasticsearch> ServerWithAFailedRunAndAChildAsync()
    {
        var server = await FakeElasticsearch.StartAsync();
        await RunsSeeding.BulkAsync(server, RunsSeeding.Run("run-42", Start, fail: true)
            .Concat(RunsSeeding.Run("run-43", Start.AddSeconds(1), workflow: "child", parent: "run-42"))
            .Append(RunsSeeding.Entry("run-44", Start.AddSeconds(2), "grandchild here", workflow: "grandchild", parent: "run-43")));
        return server;
    }

    [Test]
    public async Task ShowDrawsTheRunsTreeTimelineAndEntries()
    {
        await using var server = await ServerWithAFailedRunAndAChildAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), "show", "run-42");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        var output = result.Output;
        TestContext.Out.WriteLine(output);
        Assert.That(output, Does.Match(@"run-42 etl failed 4\.0s \(8 entries, 1 error\)"));
        Assert.That(output, Does.Match(@"└── run-43 child succeeded 4\.0s \(8 entries\)"));
        Assert.That(output, Does.Match(@"\s+└── run-44 grandchild unknown 0ms \(1 entry\)"));
        Assert.That(output, Does.Match(@"extract\s+█+\s+\+0ms\s+2\.0s\s+succeeded"));
        Assert.That(output, Does.Match(@"download\s+█+\s+\+500ms\s+1\.0s\s+succeeded"));
        Assert.That(output, Does.Match(@"load\s+█+\s+\+2\.1s\s+1\.9s\s+failed"));
        Assert.That(output, Does.Match(@"08:00:04\.000\s+error\s+load\s+Stage load failed in 1900 ms — System\.TimeoutException: The database did not answer"));
        Assert.That(output, Does.Match(@"08:00:00\.500\s+info\s+extract/download\s+Downloading"));
        Assert.That(output.IndexOf("Run started", StringComparison.Ordinal), Is.LessThan(output.IndexOf("Slow table", StringComparison.Ordinal)));
    }

    [Test]
    public async Task TheTimelinesBarsShareOneAxis()
    {
        await using var server = await ServerWithAFailedRunAndAChildAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), "show", "run-42");

        var lines = result.Output.Split('\n');
        string Bar(string step) => lines.First(l => l.TrimStart().StartsWith(step + " ", StringComparison.Ordinal));
        var extract = Bar("extract");
        var load = Bar("load");
        Assert.That(extract.IndexOf('█'), Is.LessThan(load.IndexOf('█')), result.ToString());
        Assert.That(extract.LastIndexOf('█'), Is.LessThanOrEqualTo(load.IndexOf('█')), "extract ends (2.0 s) where load starts (2.1 s)");
        Assert.That(Bar("download").IndexOf('█'), Is.GreaterThan(extract.IndexOf('█')));
    }

    [Test]
    public async Task ARunTracedWithStagesAndJobsShowsTheirOutcomesOnTheTimeline()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        using (var logger = new Serilog.LoggerConfiguration().WriteTo.WorkflowTrace(hosts: server.Url.ToString()).CreateLogger())
        {
            await using var trace = WorkflowTracing.GetTrace(logger, "run-traced", extras: new TraceExtras { WorkflowName = "nightly" });
            trace.Info("Starting");
            using (var stage = trace.Stage("prepare"))
            {
                using (var job = trace.Job("fetch"))
                {
                    trace.Info("Fetched");
                    job.Complete();
                }

                stage.Complete();
            }

            using (var stage = trace.Stage("publish"))
                stage.Fail(new InvalidOperationException("Nowhere to publish"));
            using (trace.Stage("cleanup"))
                trace.Info("Cleaning (never completed)");
            await using var still = trace.Stage("archive");
            trace.Info("Archiving");
        }

        using (var client = new HttpClient { BaseAddress = server.Url })
            (await client.PostAsync("_refresh", null)).EnsureSuccessStatusCode();

        var result = await CliRun.RunAsync(server.Url.ToString(), "show", "run-traced");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Match(@"prepare\s+█+\s+\+\S+\s+\S+\s+succeeded"), result.ToString());
        Assert.That(result.Output, Does.Match(@"  fetch\s+█+\s+\+\S+\s+\S+\s+succeeded"), result.ToString());
        Assert.That(result.Output, Does.Match(@"publish\s+█+\s+\+\S+\s+\S+\s+failed"), result.ToString());
        Assert.That(result.Output, Does.Match(@"cleanup\s+█+\s+\+\S+\s+\S+\s+failed"), "a stage left without Complete() closes failed");
        Assert.That(result.Output, Does.Match(@"error\s+publish\s+Stage publish failed in .* ms — System\.InvalidOperationException: Nowhere to publish"), result.ToString());
    }

    [TestCase("stdout")]
    [TestCase("stderr")]
    public async Task TextPrintsThePythonHandlersViewExactly(string view)
    {
        await using var server = await ServerWithAFailedRunAndAChildAsync();
        using var reader = new WorkflowTraceReader(new WorkflowTraceSinkOptions { Hosts = server.Url.ToString() });
        var run = await reader.FindRunAsync("run-42");

        var result = await CliRun.RunAsync(server.Url.ToString(), "show", "run-42", "--text", view);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Is.EqualTo(view == "stdout" ? run.Stdout : run.Stderr));
        Assert.That(result.Output, Is.Not.Empty);
    }

    [Test]
    public async Task TextAloneGivesBothViewsEachUnderAHeaderLine()
    {
        await using var server = await ServerWithAFailedRunAndAChildAsync();
        using var reader = new WorkflowTraceReader(new WorkflowTraceSinkOptions { Hosts = server.Url.ToString() });
        var run = await reader.FindRunAsync("run-42");

        var result = await CliRun.RunAsync(server.Url.ToString(), "show", "run-42", "--text");

        var stdout = run.Stdout.EndsWith('\n') ? run.Stdout : run.Stdout + "\n";
        var stderr = run.Stderr.EndsWith('\n') ? run.Stderr : run.Stderr + "\n";
        Assert.That(result.Output.ReplaceLineEndings("\n"), Is.EqualTo($"==> stdout <==\n{stdout}==> stderr <==\n{stderr}".ReplaceLineEndings("\n")));
    }

    [Test]
    public async Task TextWithOnlyOneViewHavingTextPrintsItWithoutHeader()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        await RunsSeeding.BulkAsync(server, [RunsSeeding.Entry("run-calm", Start, "all quiet")]);
        using var reader = new WorkflowTraceReader(new WorkflowTraceSinkOptions { Hosts = server.Url.ToString() });
        var run = await reader.FindRunAsync("run-calm");

        var result = await CliRun.RunAsync(server.Url.ToString(), "show", "run-calm", "--text");

        Assert.That(run.Stderr, Is.Empty);
        Assert.That(result.Output, Is.EqualTo(run.Stdout));
    }

    [Test]
    public async Task ShowAsJsonHasTheSummaryEntriesAndChildren()
    {
        await using var server = await ServerWithAFailedRunAndAChildAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), "show", "run-42", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        var root = document.RootElement;
        Assert.That(root.GetProperty("runId").GetString(), Is.EqualTo("run-42"));
        Assert.That(root.GetProperty("summary").GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(root.GetProperty("entries").GetArrayLength(), Is.EqualTo(8));
        Assert.That(root.GetProperty("entries")[0].GetProperty("message").GetString(), Is.EqualTo("Run started"));
        var child = root.GetProperty("children")[0];
        Assert.That(child.GetProperty("runId").GetString(), Is.EqualTo("run-43"));
        Assert.That(child.GetProperty("children")[0].GetProperty("runId").GetString(), Is.EqualTo("run-44"));
    }

    [Test]
    public async Task AnUnknownRunIsNamedWithTheIndexAndTheNotFoundExitCode()
    {
        await using var server = await ServerWithAFailedRunAndAChildAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), "show", "run-nope");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.NotFound), result.ToString());
        Assert.That(result.Error, Does.Contain("run-nope").And.Contain("workflow-traces"));
        Assert.That(result.Output, Is.Empty);
    }

    [Test]
    public async Task ABadTextViewIsRefused()
    {
        var result = await CliRun.RunAsync("http://127.0.0.1:9", "show", "run-42", "--text", "html");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadArguments), result.ToString());
        Assert.That(result.Error, Does.Contain("--text: 'html'"));
    }
}
