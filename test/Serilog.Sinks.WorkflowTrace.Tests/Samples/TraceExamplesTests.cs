using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Samples;

/// <summary>
/// The README's trace examples (src/Samples/WorkflowTrace.TraceExamples), run as the README says and judged by
/// the documents they leave in a loopback Elasticsearch — so the code the README shows keeps doing what it says.
/// </summary>
public class TraceExamplesTests
{
    static Task<(int ExitCode, string Output)> RunExamplesAsync(string url, params string[] examples) =>
        SampleProgram.RunAsync("WorkflowTrace.TraceExamples", url, examples);

    static async Task<IReadOnlyList<JsonElement>> RunAgainstServerAsync(params string[] examples)
    {
        await using var server = await FakeElasticsearch.StartAsync();
        var (exitCode, output) = await RunExamplesAsync(server.Url.ToString(), examples);
        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("delivered to index 'workflow-traces'"));
        await TestContext.Out.WriteLineAsync(output);
        return server.Documents.Select(d => d.Source).ToList();
    }

    static string? Text(JsonElement document, string field) =>
        document.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    static JsonElement WithMessage(IEnumerable<JsonElement> documents, string start)
    {
        var matches = documents.Where(d => Text(d, "message")?.StartsWith(start, StringComparison.Ordinal) == true).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"one document whose message starts with '{start}'");
        return matches[0];
    }

    static string? Outcome(JsonElement document) =>
        document.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("Outcome", out var outcome) ? outcome.GetString() : null;

    [Test]
    public async Task BasicUsageWritesTheSeedsRunWithItsExtrasAtFourLevels()
    {
        var documents = await RunAgainstServerAsync("basic");

        Assert.That(documents, Has.Count.EqualTo(4));
        Assert.That(Text(WithMessage(documents, "🚀 Starting data processing workflow"), "level"), Is.EqualTo("info"));
        Assert.That(Text(WithMessage(documents, "📊 Initializing data validation stage"), "level"), Is.EqualTo("debug"));
        Assert.That(Text(WithMessage(documents, "⚠️ Warning message"), "level"), Is.EqualTo("warning"));
        Assert.That(Text(WithMessage(documents, "❌ Error occurred"), "level"), Is.EqualTo("error"));
        foreach (var document in documents)
        {
            Assert.That(Text(document, "run_id"), Is.EqualTo("workflow-123"));
            Assert.That(Text(document, "parent_run_id"), Is.EqualTo("parent-456"));
            Assert.That(Text(document, "cut_id"), Is.EqualTo("rent-456 -> flow-123"));
            Assert.That(Text(document, "workflow_name"), Is.EqualTo("data-processing-pipeline"));
            Assert.That(Text(document, "stage_name"), Is.EqualTo("data-validation"));
            Assert.That(Text(document, "job_name"), Is.EqualTo("validate-customer-data"));
            Assert.That(Text(document, "trace_id"), Is.EqualTo("trace-123"), "the seed's non-W3C trace id is written as given");
            Assert.That(Text(document, "span_id"), Is.EqualTo("span-456"));
            Assert.That(Text(document, "user_id"), Is.EqualTo("user-123"));
            Assert.That(Text(document, "tenant_id"), Is.EqualTo("tenant-456"));
            Assert.That(Text(document, "environment"), Is.EqualTo("production"));
            Assert.That(document.GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "service:workflow", "team:data-engineering" }));
            Assert.That(Text(document, "filename"), Is.EqualTo("BasicUsage.cs"));
            Assert.That(document.GetProperty("lineno").GetInt32(), Is.GreaterThan(0));
        }
    }

    [Test]
    public async Task AsyncUsageWritesAStageAndAJobWithDurationsOutcomesAndLinkedSpans()
    {
        var documents = await RunAgainstServerAsync("async");

        Assert.That(documents.Select(d => Text(d, "run_id")), Has.All.EqualTo("async-123"));
        Assert.That(documents.Select(d => Text(d, "workflow_name")), Has.All.EqualTo("async-workflow"));
        Assert.That(documents.Select(d => Text(d, "parent_run_id")), Has.All.Null);

        var starting = WithMessage(documents, "🚀 Starting async workflow");
        Assert.That(Text(starting, "level"), Is.EqualTo("info"));
        Assert.That(Text(starting, "filename"), Is.EqualTo("AsyncUsage.cs"));
        Assert.That(Text(WithMessage(documents, "⚙️ Initializing components"), "level"), Is.EqualTo("debug"));

        var downloaded = WithMessage(documents, "Downloaded 1250 rows");
        Assert.That(Text(downloaded, "stage_name"), Is.EqualTo("extract"));
        Assert.That(Text(downloaded, "job_name"), Is.EqualTo("download"));
        Assert.That(Text(downloaded, "filename"), Is.EqualTo("AsyncUsage.cs"));

        var job = WithMessage(documents, "Job download succeeded in");
        var stage = WithMessage(documents, "Stage extract succeeded in");
        Assert.That(Text(job, "stage_name"), Is.EqualTo("extract"), "the job is inside the stage");
        Assert.That(Outcome(job), Is.EqualTo("succeeded"));
        Assert.That(Outcome(stage), Is.EqualTo("succeeded"));
        Assert.That(job.GetProperty("duration_ms").GetDouble(), Is.GreaterThan(0));
        Assert.That(stage.GetProperty("duration_ms").GetDouble(), Is.GreaterThanOrEqualTo(job.GetProperty("duration_ms").GetDouble()), "the stage encloses the job");

        var completed = WithMessage(documents, "✅ Async workflow completed");
        Assert.That(Text(completed, "stage_name"), Is.Null, "leaving the stage takes its name away");
        Assert.That(Text(completed, "job_name"), Is.Null);

        // One trace; the job's span is a child of the stage's, which is a child of the run's.
        var traceId = Text(starting, "trace_id");
        Assert.That(traceId, Does.Match("^[0-9a-f]{32}$"));
        Assert.That(documents.Select(d => Text(d, "trace_id")), Has.All.EqualTo(traceId));
        Assert.That(Text(downloaded, "span_id"), Is.EqualTo(Text(job, "span_id")));
        Assert.That(Text(downloaded, "parent_span_id"), Is.EqualTo(Text(stage, "span_id")));
        Assert.That(Text(stage, "parent_span_id"), Is.EqualTo(Text(starting, "span_id")));
        Assert.That(Text(starting, "parent_span_id"), Is.Null, "the run's span is the root");
    }

    [Test]
    public async Task ContextAwareLoggingCarriesTheRunIntoCodeThatKnowsNothingOfItAndIntoAChildRun()
    {
        var documents = await RunAgainstServerAsync("context");

        // CustomerImporter logs through ILogger<T> and knows nothing of the trace.
        var imports = documents.Where(d => Text(d, "message")?.StartsWith("Import", StringComparison.Ordinal) == true).ToList();
        Assert.That(imports, Has.Count.EqualTo(6), "two events for each of crm, erp, webshop");
        foreach (var document in imports)
        {
            Assert.That(Text(document, "run_id"), Is.EqualTo("sync-7f3a9c21"));
            Assert.That(Text(document, "workflow_name"), Is.EqualTo("customer-sync"));
            Assert.That(Text(document, "stage_name"), Is.EqualTo("import"));
            var source = document.GetProperty("metadata").GetProperty("Source").GetString();
            Assert.That(Text(document, "job_name"), Is.EqualTo(source == "crm" ? "crm" : null),
                $"the events from {source}: inside the job 'crm' carry it; those from child tasks of the stage do not");
        }
        Assert.That(imports.Select(d => d.GetProperty("metadata").GetProperty("Source").GetString()).Distinct(), Is.EquivalentTo(new[] { "crm", "erp", "webshop" }));

        var job = WithMessage(documents, "Job crm succeeded in");
        var stage = WithMessage(documents, "Stage import succeeded in");
        Assert.That(Outcome(job), Is.EqualTo("succeeded"));
        Assert.That(Outcome(stage), Is.EqualTo("succeeded"), "Complete() was called");
        Assert.That(job.GetProperty("duration_ms").GetDouble(), Is.GreaterThan(0));
        Assert.That(stage.GetProperty("duration_ms").GetDouble(), Is.GreaterThanOrEqualTo(job.GetProperty("duration_ms").GetDouble()));
        Assert.That(Text(stage, "run_id"), Is.EqualTo("sync-7f3a9c21"));

        var child = WithMessage(documents, "Report sent to");
        Assert.That(Text(child, "run_id"), Is.EqualTo("report-5b8e0d44"));
        Assert.That(Text(child, "parent_run_id"), Is.EqualTo("sync-7f3a9c21"));
        Assert.That(Text(child, "cut_id"), Is.EqualTo("7f3a9c21 -> 5b8e0d44"));
        Assert.That(Text(child, "workflow_name"), Is.EqualTo("customer-sync"), "inherited from the parent run");
        Assert.That(Text(child, "job_name"), Is.EqualTo("send-report"));
        Assert.That(Text(child, "stage_name"), Is.Null);
        Assert.That(Text(child, "filename"), Is.EqualTo("ContextAwareLogging.cs"));
        Assert.That(Text(child, "trace_id"), Is.EqualTo(Text(stage, "trace_id")), "the child run continues the parent's trace");
        Assert.That(Text(child, "parent_span_id"), Is.EqualTo(Text(stage, "parent_span_id")), "both spans are children of the parent run's");
    }

    [Test]
    public async Task WithoutAnExampleNameAllThreeRun()
    {
        var documents = await RunAgainstServerAsync();

        Assert.That(documents.Select(d => Text(d, "run_id")).Distinct(),
            Is.EquivalentTo(new[] { "workflow-123", "async-123", "sync-7f3a9c21", "report-5b8e0d44" }));
    }

    [TestCase("BasicUsage.cs")]
    [TestCase("AsyncUsage.cs")]
    [TestCase("ContextAwareLogging.cs")]
    [TestCase("CustomerImporter.cs")]
    public void TheReadmeShowsTheExampleFileAsItIs(string file)
    {
        var root = RepositoryRoot.Find();
        Assert.That(root, Is.Not.Null, "the tests run inside the repository");
        var code = File.ReadAllText(Path.Combine(root!.FullName, "src", "Samples", "WorkflowTrace.TraceExamples", file)).ReplaceLineEndings("\n").TrimEnd('\n');
        var readme = File.ReadAllText(Path.Combine(root.FullName, "README.md")).ReplaceLineEndings("\n");

        var shown = $"From `src/Samples/WorkflowTrace.TraceExamples/{file}`:\n\n```csharp\n{code}\n```\n";
        Assert.That(readme.Contains(shown, StringComparison.Ordinal), Is.True,
            $"README.md ('Tracing workflow runs') shows {file} exactly as it is; copy the file into it again");
    }

    [Test]
    public async Task AnUnknownExampleIsNamedWithTheChoices()
    {
        var (exitCode, output) = await RunExamplesAsync("http://127.0.0.1:9", "nonsense");

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("Unknown example 'nonsense'").And.Contain("basic, async, context"));
    }

    [Test]
    public async Task WithoutAClusterTheProgramExitsOneAndSaysWhatWasNotDelivered()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        // Disposing the trace waits its FlushTimeout (30 s) for delivery before leaving the events to the sink.
        var (exitCode, output) = await RunExamplesAsync($"http://127.0.0.1:{port}", "basic");

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("no Elasticsearch answered at"));
        Assert.That(output, Does.Contain("Not delivered: 4 of 4 events (0 delivered); runs workflow-123."));
    }
}
