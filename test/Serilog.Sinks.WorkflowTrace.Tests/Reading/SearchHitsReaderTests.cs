using System.Globalization;
using System.Text;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Contract;
using Serilog.Sinks.WorkflowTrace.Mapping;
using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using static Serilog.Sinks.WorkflowTrace.Tests.Reading.EntryAnswers;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// Issue 15 points 2, 6 and the Python-document paragraph: a search answer's hits read into typed entries — this
/// sink's documents and the Python producer's, every contract field — and a hit that cannot be read reported with
/// its id while the rest of the page is still read.
/// </summary>
public class SearchHitsReaderTests
{
    [Test]
    public void EveryContractFieldOfADocumentThisSinkWroteIsReadTyped()
    {
        var host = new HostFacts
        {
            ProcessId = 4242, Hostname = "build-agent-7", IpAddress = "10.1.2.3", RuntimeVersion = ".NET 10.0.1",
            EntryAssemblyVersion = "1.2.3", EnvironmentName = "staging",
        };
        var document = DocumentProbe.DocumentFor(log => log
                .ForContext("ParentRunId", "parent-run-0001").ForContext("StageName", "extract").ForContext("JobName", "nightly")
                .ForContext("DurationMs", 12.5).ForContext("MemoryUsageMb", 256.0).ForContext("CpuUsagePercent", 3.25)
                .ForContext("TraceId", "4bf92f3577b34da6a3ce929d0e0e4736").ForContext("SpanId", "00f067aa0ba902b7")
                .ForContext("ParentSpanId", "53995c3f42cd8ad8").ForContext("ErrorCode", "E42").ForContext("UserId", "u-1")
                .ForContext("TenantId", "t-1").ForContext("PythonVersion", "3.11.4").ForContext("SourceFile", "Job.cs")
                .ForContext("SourceLine", 77).ForContext("Customer", "acme")
                .Error(new InvalidOperationException("boom"), "Step {Step} failed", "load"),
            b => b.Context = new() { RunId = "run-0000000042", WorkflowName = "etl", Tags = ["team:data", "nightly"], PackageVersion = "9.9.9" },
            host);
        Assert.That(TraceContract.Fields.Select(f => f.Name).Where(name => !document.TryGetProperty(name, out _)), Is.Empty,
            "the document should hold every contract field, so that every one is read back");

        var entry = Single(document.GetRawText());

        EntryExpectations.AssertHolds(entry, document);
        Assert.That(entry.Id, Is.EqualTo("doc-1"));
        Assert.That(entry.Index, Is.EqualTo("workflow-traces"));
        Assert.That(entry.Metadata!.Value.GetProperty("Customer").GetString(), Is.EqualTo("acme"));
        Assert.That(entry.IsError, Is.True);
    }

    [Test]
    public void ThePythonProducersDocumentsAreReadWithoutLoss()
    {
        var (page, malformed) = Read(Fixture.Bytes("reading/python-documents-answer.json"));

        Assert.That(malformed, Is.Empty);
        Assert.That(page.Entries, Has.Count.EqualTo(3));
        var first = page.Entries[0];
        Assert.That(first.Id, Is.EqualTo("01JH7ZK8Q3V2N4M6P8R0S2T4V6_2024-01-01T12:00:00_140234567890123"));
        Assert.That(first.Datetime, Is.EqualTo(new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero)), "no zone means UTC");
        Assert.That(first.DatetimeText, Is.EqualTo("2024-01-01T12:00:00"), "the text as stored");
        Assert.That(first.CreatedAt, Is.EqualTo(first.Datetime));
        Assert.That(first.Thread, Is.EqualTo(140_234_567_890_123L), "a Linux thread ident, above 2^31");
        Assert.That(first.Process, Is.EqualTo(41523));
        Assert.That(first.MemoryUsageMb, Is.EqualTo(256.0));
        Assert.That(first.CpuUsagePercent, Is.EqualTo(12.5));
        Assert.That(first.Tags, Is.Empty);
        Assert.That(first.MetadataJson, Is.EqualTo("{}"), "an empty object stays {}");
        Assert.That(first.ParentRunId, Is.Null, "JSON null is absent");
        Assert.That(first.StageName, Is.Null);
        Assert.That(first.DurationMs, Is.Null);
        Assert.That(first.PythonVersion, Is.EqualTo("3.11.4"));
        Assert.That(first.IsError, Is.False);

        var olderException = page.Entries[1];
        Assert.That(olderException.Level, Is.EqualTo("info"), "the older version stores exception calls at info");
        Assert.That(olderException.ExceptionType, Is.EqualTo("ZeroDivisionError"));
        Assert.That(olderException.StackTrace, Does.Contain("\n  File \"stages.py\", line 88"));
        Assert.That(olderException.DurationMs, Is.EqualTo(1.0));
        Assert.That(olderException.Mode, Is.EqualTo("stderr"));

        var newerException = page.Entries[2];
        Assert.That(newerException.Level, Is.EqualTo("exception"));
        Assert.That(newerException.ErrorFlag, Is.True);
        Assert.That(newerException.IsError, Is.True);
        Assert.That(newerException.MetadataJson, Is.Null);
        Assert.That(newerException.MetricJson, Is.EqualTo("{ \"rows\": 1200, \"ratio\": 0.5 }"), "the bytes as stored");
        Assert.That(newerException.Metric!.Value.GetProperty("rows").GetInt32(), Is.EqualTo(1200));
    }

    [TestCase("\"thread\":\"140234567890123\"", 140_234_567_890_123L)]
    [TestCase("\"thread\":256.0", 256L)]
    [TestCase("\"thread\":\"256.0\"", 256L)]
    [TestCase("\"thread\":9223372036854775807", long.MaxValue)]
    public void NumbersAreReadAsElasticsearchCoercesThem(string field, long thread) =>
        Assert.That(Single($"{{{field}}}").Thread, Is.EqualTo(thread));

    [Test]
    public void NumericStringsAndWholeFloatsFillIntegerAndFloatFields()
    {
        var entry = Single("{\"process\":\"41523\",\"lineno\":12.0,\"duration_ms\":\"2.5\",\"cpu_usage_percent\":7,\"memory_usage_mb\":1e3}");
        Assert.That((entry.Process, entry.Lineno, entry.DurationMs, entry.CpuUsagePercent, entry.MemoryUsageMb),
            Is.EqualTo(((int?)41523, (int?)12, (double?)2.5, (double?)7.0, (double?)1000.0)));
    }

    [Test]
    public void AKeywordFieldTakesANumberOrABooleanAsItsText()
    {
        var entry = Single("{\"error_code\":500,\"run_id\":12345,\"user_id\":true}");
        Assert.That((entry.ErrorCode, entry.RunId, entry.UserId), Is.EqualTo(("500", "12345", "true")));
    }

    [TestCase("2024-01-01T12:00:00", "2024-01-01T12:00:00+00:00")]
    [TestCase("2024-01-01T12:00:00.123456", "2024-01-01T12:00:00.1234560+00:00")]
    [TestCase("2024-01-01T12:00:00.123456789Z", "2024-01-01T12:00:00.1234567+00:00")]
    [TestCase("2024-01-01T14:00:00+02:00", "2024-01-01T14:00:00+02:00")]
    [TestCase("2024-01-01T14:00:00+0200", "2024-01-01T14:00:00+02:00")]
    [TestCase("2024-01-01 12:00:00", "2024-01-01T12:00:00+00:00")]
    [TestCase("2024-01-01", "2024-01-01T00:00:00+00:00")]
    [TestCase("1704110400000", "2024-01-01T12:00:00+00:00")]
    public void DatesAreReadInEveryFormElasticsearchAcceptsWithoutAZoneAsUtc(string stored, string expected)
    {
        var entry = Single($"{{\"datetime\":\"{stored}\",\"created_at\":\"{stored}\"}}");
        var instant = DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture);
        Assert.That(entry.Datetime, Is.EqualTo(instant));
        Assert.That(entry.Datetime!.Value.Offset, Is.EqualTo(instant.Offset));
        Assert.That(entry.CreatedAt, Is.EqualTo(instant));
        Assert.That(entry.DatetimeText, Is.EqualTo(stored));
    }

    [Test]
    public void ADateStoredAsEpochMillisecondsIsRead()
    {
        var entry = Single("{\"datetime\":1704110400000}");
        Assert.That(entry.Datetime, Is.EqualTo(new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero)));
        Assert.That(entry.DatetimeText, Is.EqualTo("1704110400000"));
    }

    [Test]
    public void TagsAreReadFromAnArrayOrASingleString()
    {
        Assert.That(Single("{\"tags\":[\"a\",\"b\"]}").Tags, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(Single("{\"tags\":\"urgent\"}").Tags, Is.EqualTo(new[] { "urgent" }));
        Assert.That(Single("{\"tags\":[]}").Tags, Is.Empty);
        Assert.That(Single("{}").Tags, Is.Empty);
    }

    [Test]
    public void EscapedStringsAndUnknownFieldsAreHandled()
    {
        var entry = Single("{\"message\":\"tab\\there \\u00e9 \\ud83d\\ude00\",\"unknown\":{\"deep\":[1,{\"x\":null}]},\"run\\u005fid\":\"r-1\",\"level\":\"info\"}");
        Assert.That(entry.Message, Is.EqualTo("tab\there é 😀"));
        Assert.That(entry.RunId, Is.EqualTo("r-1"), "an escaped property name is still the field");
        Assert.That(entry.Level, Is.EqualTo("info"));
    }

    [Test]
    public void RepeatedKeywordValuesShareOneStringAcrossHits()
    {
        var source = "{\"level\":\"info\",\"workflow_name\":\"etl\",\"tags\":[\"a\"],\"metadata\":{\"k\":1}}";
        var (page, _) = Read(Answer(source, source));
        var (first, second) = (page.Entries[0], page.Entries[1]);
        Assert.That(second.WorkflowName, Is.SameAs(first.WorkflowName));
        Assert.That(second.Level, Is.SameAs(first.Level));
        Assert.That(second.Tags, Is.SameAs(first.Tags));
        Assert.That(second.MetadataJson, Is.SameAs(first.MetadataJson));
        Assert.That(second.Index, Is.SameAs(first.Index));
    }

    [Test]
    public void TheIdAndIndexAreTakenWhereverTheyStandInTheHit()
    {
        var (page, malformed) = Read(Hits([
            "{\"sort\":[5],\"_source\":{\"level\":\"info\"},\"_score\":null,\"_id\":\"late-id\",\"_index\":\"late-index\"}",
            "{\"_source\":{\"thread\":\"abc\"},\"_id\":\"bad-late\",\"_index\":\"late-index\"}",
        ]));
        Assert.That((page.Entries.Single().Id, page.Entries.Single().Index), Is.EqualTo(("late-id", "late-index")));
        Assert.That((malformed.Single().Id, malformed.Single().Index), Is.EqualTo(("bad-late", "late-index")));
    }

    [Test]
    public void ThePointInTimeScrollTimeoutTotalAndLastSortAreRead()
    {
        var answer = Encoding.UTF8.GetBytes(
            "{\"pit_id\":\"46ToAwMDaWR5BXV1aWQy\",\"_scroll_id\":\"FGluY2x1ZGVfY29udGV4dF91dWlk\",\"took\":1,\"timed_out\":true," +
            "\"hits\":{\"total\":{\"value\":10001,\"relation\":\"gte\"},\"max_score\":null,\"hits\":[" +
            "{\"_index\":\"i\",\"_id\":\"a\",\"_source\":{},\"sort\":[1704110400000,7,\"x\"]}," +
            "{\"_index\":\"i\",\"_id\":\"b\",\"_source\":{},\"sort\":[1704110400001, 8 ,{\"shard\":1}]}]}}");
        var (page, _) = Read(answer);
        Assert.That(page.PitId, Is.EqualTo("46ToAwMDaWR5BXV1aWQy"));
        Assert.That(page.ScrollId, Is.EqualTo("FGluY2x1ZGVfY29udGV4dF91dWlk"));
        Assert.That(page.TimedOut, Is.True);
        Assert.That(page.Total, Is.EqualTo(10001));
        Assert.That(page.Hits, Is.EqualTo(2));
        Assert.That(page.LastSort, Is.EqualTo("[1704110400001, 8 ,{\"shard\":1}]"));
    }

    [Test]
    public void AnAnswerWithoutHitsHasNoEntriesAndNoSort()
    {
        var (page, _) = Read(Hits([]));
        Assert.That((page.Hits, page.Entries.Count, page.LastSort, page.Total, page.TimedOut), Is.EqualTo((0, 0, (string?)null, (long?)0, false)));
    }

    [Test]
    public void AnOlderServersPlainNumberTotalIsRead() =>
        Assert.That(Read(Encoding.UTF8.GetBytes("{\"hits\":{\"total\":57,\"hits\":[]}}")).Page.Total, Is.EqualTo(57));

    [Test]
    public void TheSpecificationsSearchResponseExampleIsRead()
    {
        var (page, malformed) = Read(Fixture.Bytes("spec/_global.search/SearchResponseExample1.json"));
        Assert.That(malformed, Is.Empty);
        Assert.That((page.Total, page.TimedOut, page.Hits), Is.EqualTo(((long?)20, false, 1)));
        var entry = page.Entries.Single();
        Assert.That((entry.Id, entry.Index, entry.Message), Is.EqualTo(("0", "my-index-000001", "GET /search HTTP/1.1 200 1070000")));
        Assert.That(entry.RunId, Is.Null, "its other fields are outside the contract and skipped");
    }
}
