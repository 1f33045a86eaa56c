using Serilog;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.TestServer;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Commands;

public class ExportCommandTests
{
    FakeElasticsearch _server = null!;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        _server = await FakeElasticsearch.StartAsync();
        await ExportSeeding.SeedRunAsync(_server);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    Task<CliResult> ExportAsync(params string[] args) => CliRun.RunAsync(_server.Url.ToString(), ["export", ExportSeeding.RunId, .. args]);

    [Test]
    public async Task TextIsThePythonHandlersLinesWithStdoutAndStderrEntriesTogetherInTimeOrder()
    {
        var result = await ExportAsync("--format", "text");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.That(lines, Has.Length.EqualTo(ExportSeeding.EntryCount), result.ToString());
        Assert.That(lines[0], Does.Match(@"^2026-12-05T08:00:00\.0+Z \( *\d+, +\d+\) \(ort-0001\) Run run-export-0001 started for acme +\(None:None\)$"));
        Assert.That(lines[2], Does.Contain("Extract failed for orders"), "the error (stderr) in its place in time");
        Assert.That(lines[4], Does.StartWith("2026-12-05T08:00:04 (   77, 140234567890123) (ort-0001) task raised {'code': 7}").And.EndWith("(task.py:12)"));
        Assert.That(lines[0].IndexOf("(None:None)", StringComparison.Ordinal), Is.EqualTo(lines[1].IndexOf("(None:None)", StringComparison.Ordinal)), "messages padded to one width");
    }

    [Test]
    public async Task JsonIsOneArrayOfEntriesUnderTheContractsNames()
    {
        var result = await ExportAsync("--format", "json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        var entries = document.RootElement.EnumerateArray().ToList();
        Assert.That(entries, Has.Count.EqualTo(ExportSeeding.EntryCount));
        var error = entries[2];
        Assert.That(error.GetProperty("run_id").GetString(), Is.EqualTo(ExportSeeding.RunId));
        Assert.That(error.GetProperty("level").GetString(), Is.EqualTo("error"));
        Assert.That(error.GetProperty("mode").GetString(), Is.EqualTo("stderr"));
        Assert.That(error.GetProperty("exception_type").GetString(), Is.EqualTo("System.InvalidOperationException"));
        Assert.That(error.GetProperty("metadata").GetProperty("Table").GetString(), Is.EqualTo("orders"));
        Assert.That(error.GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "nightly", "eu" }));
        Assert.That(error.GetProperty("_id").GetString(), Is.Not.Empty);
        var python = entries[4];
        Assert.That(python.GetProperty("datetime").GetString(), Is.EqualTo("2026-12-05T08:00:04"), "as stored");
        Assert.That(python.GetProperty("thread").GetInt64(), Is.EqualTo(140234567890123L));
        Assert.That(python.GetProperty("metric").GetProperty("rows").GetInt32(), Is.EqualTo(3));
        Assert.That(python.GetProperty("error_flag").GetBoolean(), Is.True);
        Assert.That(python.TryGetProperty("parent_run_id", out _), Is.False, "an absent value is left out");
    }

    [Test]
    public async Task NdjsonIsOneEntryPerLine()
    {
        var result = await ExportAsync("--format", "ndjson");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.That(lines, Has.Length.EqualTo(ExportSeeding.EntryCount));
        var levels = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("level").GetString());
        Assert.That(levels, Is.EqualTo(new[] { "info", "warning", "error", "debug", "exception" }));
    }

    [Test]
    public async Task ClefFollowsTheCompactFormatsSpecAndRendersToTheStoredMessage()
    {
        var result = await ExportAsync("--format", "clef");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        var events = result.Output.TrimEnd('\n').Split('\n').Select(ClefSpec.Check).ToList();
        Assert.That(events, Has.Count.EqualTo(ExportSeeding.EntryCount));
        Assert.That(events.Select(e => e.TryGetProperty("@l", out var l) ? l.GetString() : null),
            Is.EqualTo(new[] { null, "Warning", "Error", "Debug", "Error" }), "Information left out; Python's exception is Error");
        foreach (var e in events)
            Assert.That(ClefSpec.Render(e), Is.EqualTo(e.GetProperty("@m").GetString()), e.GetRawText());

        Assert.That(events[0].GetProperty("@t").GetString(), Is.EqualTo("2026-12-05T08:00:00.0000000Z"));
        Assert.That(events[0].GetProperty("@mt").GetString(), Is.EqualTo("Run {RunId} started for {Customer}"));
        Assert.That(events[0].GetProperty("run_id").GetString(), Is.EqualTo(ExportSeeding.RunId));
        Assert.That(events[0].GetProperty("Customer").GetString(), Is.EqualTo("acme"));
        Assert.That(events[1].GetProperty("@@odd").GetInt32(), Is.EqualTo(7), "a property's leading @ doubled");
        Assert.That(events[2].GetProperty("@x").GetString(), Does.StartWith("System.InvalidOperationException: boom: table {orders} locked").And.Contain("   at "));
        Assert.That(events[2].GetProperty("exception_type").GetString(), Is.EqualTo("System.InvalidOperationException"));
        Assert.That(events[3].GetProperty("Order").GetProperty("Id").GetInt32(), Is.EqualTo(42));
        Assert.That(events[4].GetProperty("@mt").GetString(), Is.EqualTo("task raised {{'code': 7}}"), "a message without a template: its braces are literal");
        Assert.That(events[4].GetProperty("@t").GetString(), Is.EqualTo("2026-12-05T08:00:04.0000000Z"), "a zone-less time is UTC");
        Assert.That(events[4].GetProperty("@x").GetString(), Does.StartWith("Traceback"));
        foreach (var e in events)
        {
            Assert.That(e.TryGetProperty("message", out _) || e.TryGetProperty("level", out _) || e.TryGetProperty("datetime", out _) ||
                        e.TryGetProperty("stack_trace", out _) || e.TryGetProperty("message_template", out _), Is.False, "carried by @m, @l, @t, @x, @mt");
        }
    }

    [Test]
    public async Task OutputGoesToTheFileAndNothingToStandardOutput()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"export-{Guid.NewGuid():N}.ndjson");
        try
        {
            var result = await ExportAsync("--format", "ndjson", "--output", path);

            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
            Assert.That(result.Output, Is.Empty);
            Assert.That(File.ReadAllLines(path), Has.Length.EqualTo(ExportSeeding.EntryCount));
            Assert.That(File.Exists(path + ".partial"), Is.False);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task AMissingRunIsNotFoundAndWritesNothing()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"export-{Guid.NewGuid():N}.json");

        var result = await CliRun.RunAsync(_server.Url.ToString(), "export", "no-such-run", "--format", "json", "--output", path);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.NotFound), result.ToString());
        Assert.That(result.Error, Does.Contain("no-such-run").And.Not.Contain("   at "));
        Assert.That(File.Exists(path) || File.Exists(path + ".partial"), Is.False);
    }

    [Test]
    public async Task AnUnknownFormatIsABadArgumentNamingTheChoices()
    {
        var result = await ExportAsync("--format", "xml");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadArguments), result.ToString());
        Assert.That(result.Error, Does.Contain("--format").And.Contain("clef"));
    }
    [Test]
    public async Task ARunLongerThanTheReadersPageIsExportedWholeAndInOrder()
    {
        const int count = 2_500;
        await using var server = await FakeElasticsearch.StartAsync();
        var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: server.Url.ToString()).CreateLogger();
        await using (logger)
        {
            for (var i = 0; i < count; i++)
                ExportSeeding.WriteAt(logger.ForContext("RunId", "run-long"), 0, Serilog.Events.LogEventLevel.Information, null, "Row {N}", i);
        }
        await ExportSeeding.RefreshAsync(server);

        var result = await CliRun.RunAsync(server.Url.ToString(), "export", "run-long", "--format", "ndjson");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.Error);
        var messages = result.Output.TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement.GetProperty("message").GetString()).ToList();
        Assert.That(messages, Is.EqualTo(Enumerable.Range(0, count).Select(i => $"Row {i}")), "every entry once, in the order logged");
    }
}
