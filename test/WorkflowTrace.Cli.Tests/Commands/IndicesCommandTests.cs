using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.TestServer;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Commands;

public class IndicesCommandTests
{
    const string Daily = "wt-{0:yyyy.MM.dd}";

    [Test]
    public async Task IndicesListsEachTraceIndexWithHealthDocumentsSizeAndCreationDate()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        await AdminSeeding.EntriesAsync(server, "wt-2026.01.01", "run-a", "2026-01-01T10:00:00Z", "2026-01-01T10:00:01Z");
        await AdminSeeding.EntriesAsync(server, "wt-2026.01.02", "run-b", "2026-01-02T10:00:00Z");

        var result = await CliRun.RunAsync(server.Url.ToString(), "indices", "--index", Daily);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Match(@"wt-2026\.01\.01\s+.\s+(green|yellow)\s+.\s+2\s+.\s+\d+(\.\d)? (B|KiB|MiB)\s+.\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"), result.ToString());
            Assert.That(result.Output, Does.Match(@"wt-2026\.01\.02\s+.\s+(green|yellow)\s+.\s+1\s+."), result.ToString());
            Assert.That(result.Output, Does.Contain("2 indices, 3 documents"), result.ToString());
            Assert.That(result.Error, Is.Empty);
        });
    }

    [Test]
    public async Task IndicesAsJsonIsOneDocumentListingEveryIndex()
    {
        await using var server = await FakeElasticsearch.StartAsync();
        await AdminSeeding.EntriesAsync(server, "wt-2026.01.01", "run-a", "2026-01-01T10:00:00Z", "2026-01-01T10:00:01Z");
        await AdminSeeding.EntriesAsync(server, "wt-2026.01.02", "run-b", "2026-01-02T10:00:00Z");

        var result = await CliRun.RunAsync(server.Url.ToString(), "indices", "--index", Daily, "--json");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.That(rows.Select(r => r.GetProperty("name").GetString()), Is.EqualTo(new[] { "wt-2026.01.01", "wt-2026.01.02" }));
        Assert.That(rows.Select(r => r.GetProperty("documents").GetInt64()), Is.EqualTo(new long[] { 2, 1 }));
        Assert.That(rows[0].GetProperty("sizeBytes").GetInt64(), Is.GreaterThan(0));
    }

    [Test]
    public async Task ATimeBasedNameWithNoIndexYetSaysTheSinkCreatesTheFirstWhenItWrites()
    {
        await using var server = await FakeElasticsearch.StartAsync();

        var result = await CliRun.RunAsync(server.Url.ToString(), "indices", "--index", Daily);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Contain("No trace index matches 'wt-*'"), result.ToString());
    }

    [TestCase(0L, "0 B")]
    [TestCase(1023L, "1023 B")]
    [TestCase(1536L, "1.5 KiB")]
    [TestCase(3L * 1024 * 1024 * 1024, "3.0 GiB")]
    public void SizesAreShownInBinaryUnitsWithOneDecimal(long bytes, string shown) =>
        Assert.That(global::WorkflowTrace.Cli.Rendering.ByteSize.Format(bytes), Is.EqualTo(shown));
}
