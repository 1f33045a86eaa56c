using System.Text.Json;
using Serilog;
using Serilog.Formatting.Compact;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.TestServer;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Commands;

public class ReplayCommandTests
{
    const string DeadUrl = "http://127.0.0.1:9";

    string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "replay-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task EventsAFallbackSinkSavedAsClefArriveWithTheirOriginalTimesRunIdsLevelsMessagesAndExceptions()
    {
        var file = await SaveUndeliveredAsync();
        Assert.That(File.ReadAllLines(file), Has.Length.EqualTo(3), "the fallback chain saved what the sink could not deliver");
        await using var server = await FakeElasticsearch.StartAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), "replay", file);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Contain("3 event(s) replayed: 3 delivered, 0 not delivered; 0 malformed line(s) skipped"));
        await ExportSeeding.RefreshAsync(server);
        var entries = await ExportSeeding.ReadRunAsync(server, runId: "run-undelivered-1");
        Assert.That(entries.Select(e => e.Datetime), Is.EqualTo(new DateTimeOffset?[] { ExportSeeding.Start, ExportSeeding.Start.AddSeconds(1), ExportSeeding.Start.AddSeconds(2) }));
        Assert.That(entries.Select(e => e.Level), Is.EqualTo(new[] { "info", "warning", "error" }));
        Assert.That(entries.Select(e => e.Message), Is.EqualTo(new[] { "Stage extract started", "Slow table orders", "Extract failed for orders" }));
        Assert.That(entries.Select(e => e.WorkflowName).Distinct(), Is.EqualTo(new[] { "etl" }));
        var error = entries[2];
        Assert.That(error.Mode, Is.EqualTo("stderr"));
        Assert.That(error.ExceptionType, Is.EqualTo("System.InvalidOperationException"));
        Assert.That(error.ExceptionMessage, Is.EqualTo("boom: table {orders} locked"));
        Assert.That(error.StackTrace, Does.StartWith("System.InvalidOperationException: boom: table {orders} locked").And.Contain("   at ").And.Contain(nameof(ExportSeeding.Thrown)));
        Assert.That(error.Metadata!.Value.GetProperty("message_template").GetString(), Is.EqualTo("Extract failed for {Table}"));
        Assert.That(error.Metadata!.Value.GetProperty("Table").GetString(), Is.EqualTo("orders"));
    }

    [Test]
    public async Task TheDurableBuffersFilesAreReadAsTheyAre()
    {
        var buffer = Path.Combine(_directory, "buffer");
        var logger = new LoggerConfiguration()
            .WriteTo.WorkflowTrace(new Serilog.Sinks.WorkflowTrace.WorkflowTraceSinkOptions
            {
                Hosts = DeadUrl, BufferPath = buffer, MaxRetries = 0, ShutdownTimeout = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(1),
            })
            .CreateLogger();
        await using (logger)
        {
            var run = logger.ForContext("RunId", "run-buffered").ForContext("WorkflowName", "etl");
            ExportSeeding.WriteAt(run, 0, Serilog.Events.LogEventLevel.Information, null, "Stage {Stage} started", "extract");
            ExportSeeding.WriteAt(run, 1, Serilog.Events.LogEventLevel.Error, ExportSeeding.Thrown(), "Extract failed for {Table}", "orders");
        }
        var file = Directory.GetFiles(buffer, "buffer-*.clef").Single();
        await using var server = await FakeElasticsearch.StartAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), "replay", file);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Contain("2 event(s) replayed: 2 delivered, 0 not delivered; 0 malformed line(s) skipped"));
        await ExportSeeding.RefreshAsync(server);
        var entries = await ExportSeeding.ReadRunAsync(server, runId: "run-buffered");
        Assert.That(entries.Select(e => e.Message), Is.EqualTo(new[] { "Stage extract started", "Extract failed for orders" }));
        Assert.That(entries[1].ExceptionType, Is.EqualTo("System.InvalidOperationException"));
        Assert.That(entries[1].ExceptionMessage, Is.EqualTo("boom: table {orders} locked"));
        Assert.That(entries[1].Metadata!.Value.TryGetProperty("@wt_thread", out _), Is.False, "the buffer's own fields are not properties");
    }

    [Test]
    public async Task AnExportedRunReplayedIntoAnotherIndexGivesTheSameEntries()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        await ExportSeeding.SeedRunAsync(server);
        var file = Path.Combine(_directory, "run.clef");
        var export = await CliRun.RunAsync(server.Url.ToString(), "export", ExportSeeding.RunId, "--format", "clef", "--output", file);
        Assert.That(export.ExitCode, Is.EqualTo(ExitCodes.Success), export.ToString());

        var replay = await CliRun.RunAsync(server.Url.ToString(), "replay", file, "--index", "workflow-traces-restored");

        Assert.That(replay.ExitCode, Is.EqualTo(ExitCodes.Success), replay.ToString());
        await ExportSeeding.RefreshAsync(server);
        var original = await ExportSeeding.ReadRunAsync(server);
        var replayed = await ExportSeeding.ReadRunAsync(server, "workflow-traces-restored");
        Assert.That(replayed, Has.Count.EqualTo(original.Count));
        for (var i = 0; i < original.Count; i++)
            Assert.That(Comparable(replayed[i]), Is.EqualTo(Comparable(original[i])), $"entry {i}");
        // The Python producer's entry becomes one as this sink writes it: its template (the message, braces
        // literal) and its metric and error flag under metadata, with its process and thread as it recorded them.
        var python = replayed[^1].Metadata!.Value;
        Assert.That(python.GetProperty("message_template").GetString(), Is.EqualTo("task raised {{'code': 7}}"));
        Assert.That(python.GetProperty("metric").GetProperty("rows").GetInt32(), Is.EqualTo(3));
        Assert.That(python.GetProperty("error_flag").GetBoolean(), Is.True);
        Assert.That(python.GetProperty("thread").GetInt64(), Is.EqualTo(140234567890123L));
    }

    [Test]
    public async Task AMalformedLineIsReportedWithItsNumberAndSkippedAndTheRestDelivered()
    {
        var file = Path.Combine(_directory, "mixed.clef");
        await File.WriteAllLinesAsync(file,
        [
            """{"@t":"2026-12-05T08:00:00.0000000Z","@mt":"First {N}","N":1,"RunId":"run-mixed"}""",
            """{"@t":"2026-12-05T08:00:01.0000000Z","@mt":"cut off""",
            "",
            """{"@mt":"no time","RunId":"run-mixed"}""",
            """{"@t":"2026-12-05T08:00:02.0000000Z","@l":"Loud","@mt":"bad level","RunId":"run-mixed"}""",
            """{"@t":"2026-12-05T08:00:03.0000000Z","@l":"Warning","@mt":"Last","RunId":"run-mixed"}""",
        ]);
        await using var server = await FakeElasticsearch.StartAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), "replay", file);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed), result.ToString());
        Assert.That(result.Error, Does.Contain("mixed.clef line 2: not JSON"));
        Assert.That(result.Error, Does.Contain("mixed.clef line 4: no @t"));
        Assert.That(result.Error, Does.Contain("mixed.clef line 5: @l 'Loud' is not a level"));
        Assert.That(result.Error, Does.Not.Contain("line 3"), "a blank line is not an event");
        Assert.That(result.Output, Does.Contain("2 event(s) replayed: 2 delivered, 0 not delivered; 3 malformed line(s) skipped"));
        await ExportSeeding.RefreshAsync(server);
        var entries = await ExportSeeding.ReadRunAsync(server, runId: "run-mixed");
        Assert.That(entries.Select(e => e.Message), Is.EqualTo(new[] { "First 1", "Last" }));
    }

    [Test]
    public async Task EventsTheClusterDidNotTakeAreCountedAndTheExitCodeSaysSo()
    {
        var file = Path.Combine(_directory, "two.clef");
        await File.WriteAllLinesAsync(file,
        [
            """{"@t":"2026-12-05T08:00:00.0000000Z","@mt":"One","RunId":"run-dead"}""",
            """{"@t":"2026-12-05T08:00:01.0000000Z","@mt":"Two","RunId":"run-dead"}""",
        ]);

        var result = await CliRun.RunAsync(DeadUrl, "replay", file, "--timeout", "00:00:02", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed), result.ToString());
        using var report = JsonDocument.Parse(result.Output);
        Assert.That(report.RootElement.GetProperty("replayed").GetInt32(), Is.EqualTo(2), result.ToString());
        Assert.That(report.RootElement.GetProperty("delivered").GetInt32(), Is.EqualTo(0), result.ToString());
        Assert.That(report.RootElement.GetProperty("notDelivered").GetInt32(), Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("not delivered").And.Not.Contain("   at "));
    }

    [Test]
    public async Task AFileThatIsNotThereIsABadArgument()
    {
        var result = await CliRun.RunAsync(DeadUrl, "replay", Path.Combine(_directory, "absent.clef"));

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadArguments), result.ToString());
        Assert.That(result.Error, Does.Contain("absent.clef"));
    }

    /// <summary>
    /// The README's fallback chain: the sink pointed at a cluster that does not answer, undelivered events saved by
    /// a file sink with Serilog.Formatting.Compact's formatter. Returns the file.
    /// </summary>
    async Task<string> SaveUndeliveredAsync()
    {
        var file = Path.Combine(_directory, "undelivered.clef");
        var logger = new LoggerConfiguration()
            .WriteTo.FallbackChain(
                wt => wt.WorkflowTrace(hosts: DeadUrl, maxRetries: 0, timeout: TimeSpan.FromSeconds(2), shutdownTimeout: TimeSpan.FromSeconds(5)),
                wt => wt.File(new CompactJsonFormatter(), file))
            .CreateLogger();
        await using (logger)
        {
            var run = logger.ForContext("RunId", "run-undelivered-1").ForContext("WorkflowName", "etl");
            ExportSeeding.WriteAt(run, 0, Serilog.Events.LogEventLevel.Information, null, "Stage {StageName} started", "extract");
            ExportSeeding.WriteAt(run, 1, Serilog.Events.LogEventLevel.Warning, null, "Slow table {Table}", "orders");
            ExportSeeding.WriteAt(run, 2, Serilog.Events.LogEventLevel.Error, ExportSeeding.Thrown(), "Extract failed for {Table}", "orders");
        }
        return file;
    }

    /// <summary>
    /// What a replay keeps of an entry: everything but what the replaying process and its sink stamp themselves (id,
    /// index, process, thread, host, versions, created_at); the original producer's process and thread are kept
    /// under metadata, so the metadata is compared without them, and without what a Python producer's entry gains as
    /// it becomes a sink's (its template, its metric and error flag, checked apart).
    /// </summary>
    static string Comparable(TraceEntry entry)
    {
        var metadata = entry.Metadata is { } m
            ? string.Join(",", m.EnumerateObject().Where(p => p.Name is not ("process" or "thread" or "hostname" or "ip_address" or "runtime_version" or "package_version" or "message_template" or "metric" or "error_flag")).Select(p => $"{p.Name}={p.Value.GetRawText()}"))
            : "";
        return string.Join("|", entry.RunId, entry.ParentRunId, entry.Level is "exception" ? "error" : entry.Level, entry.Message, entry.Mode,
            entry.Datetime?.ToString("O"), entry.Filename, entry.Lineno, entry.CutId, entry.WorkflowName, entry.StageName, entry.JobName,
            entry.DurationMs, entry.TraceId, entry.SpanId, entry.ExceptionType, entry.ExceptionMessage, entry.StackTrace, entry.ErrorCode,
            entry.UserId, entry.TenantId, entry.Environment, string.Join(";", entry.Tags), metadata,
            // A message without a template (the Python producer's) is its own template, braces doubled.
            entry.Metadata?.TryGetProperty("message_template", out var template) == true ? template.GetString() : entry.Message?.Replace("{", "{{").Replace("}", "}}"));
    }
}
