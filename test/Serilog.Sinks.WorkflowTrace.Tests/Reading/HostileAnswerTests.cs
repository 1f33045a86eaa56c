using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Reading;
using static Serilog.Sinks.WorkflowTrace.Tests.Reading.EntryAnswers;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// Whatever an answer holds, <see cref="SearchHitsReader"/> never throws anything but <see cref="TraceReadException"/>,
/// and only for an answer that is not a search answer; every hit ends as an entry or a report, none lost.
/// </summary>
public class HostileAnswerTests
{
    static readonly string[] FieldNames =
    [
        "run_id", "parent_run_id", "level", "message", "mode", "datetime", "process", "thread", "filename", "lineno",
        "cut_id", "workflow_name", "stage_name", "job_name", "duration_ms", "memory_usage_mb", "cpu_usage_percent",
        "trace_id", "span_id", "parent_span_id", "exception_type", "exception_message", "stack_trace", "error_code",
        "user_id", "tenant_id", "environment", "hostname", "ip_address", "python_version", "runtime_version",
        "package_version", "tags", "metadata", "metric", "error_flag", "created_at",
    ];

    static readonly string[] HostileValues =
    [
        "null", "true", "false", "0", "-1", "1e400", "-1e400", "123456789012345678901234567890", "1.5", "-0",
        "\"\"", "\" \"", "\"NaN\"", "\"Infinity\"", "\"-9223372036854775809\"", "\"9999-12-31T23:59:59.9999999-14:00\"",
        "\"0001-01-01T00:00:00+14:00\"", "\"2024-02-30T00:00:00\"", "\"2024-01-01T24:00:00\"", "\"\\ud800\"",
        "\"\\u0000\"", "\"\\\"}]\"", "{}", "[]", "[null]", "[[]]", "[1,\"a\",true]", "{\"a\":[{\"b\":null}]}",
        "\"" + new string('x', 100_000) + "\"",
    ];

    [Test]
    public void EveryFieldTakesAnyJsonValueWithoutThrowingAndEveryHitIsAccountedFor()
    {
        var sources = FieldNames.SelectMany(field => HostileValues.Select(value => $"{{\"{field}\":{value},\"message\":\"next\"}}")).ToArray();

        var (page, malformed) = Read(Answer(sources));

        Assert.That(page.Hits, Is.EqualTo(sources.Length));
        Assert.That(page.Entries.Count + malformed.Count, Is.EqualTo(sources.Length), "every hit is an entry or a report");
        Assert.That(malformed.Select(m => m.Reason), Has.All.Match("^field '[a-z_]+' holds .+, not .+$"));
        Assert.That(page.Entries.Select(e => e.Id).Concat(malformed.Select(m => m.Id)), Is.Unique);
    }

    [Test]
    public void AnAnswerCutAtAnyByteIsReadOrRefusedWithTraceReadException()
    {
        var whole = Answer("{\"run_id\":\"r-1\",\"datetime\":\"2024-01-01T12:00:00\",\"tags\":[\"a\",\"b\"],\"metadata\":{\"k\":[1,{\"x\":\"\\u00e9\"}]}}",
            "{\"thread\":140234567890123,\"message\":\"second\"}");
        for (var length = 0; length < whole.Length; length++)
        {
            var cut = whole.AsSpan(0, length).ToArray();
            try
            {
                SearchHitsReader.Read(cut, _ => { });
            }
            catch (TraceReadException e)
            {
                Assert.That(e.InnerException, Is.Null.Or.InstanceOf<JsonException>(), $"cut at {length}");
            }
            catch (Exception e)
            {
                Assert.Fail($"Cut at byte {length} of {whole.Length}, the reader threw {e.GetType().Name}: {e.Message}");
            }
        }
    }

    [Test]
    public void InvalidUtf8InAValueBecomesReplacementCharactersRatherThanAnError()
    {
        var raw = Answer("{\"message\":\"o\u00ffk\"}");
        // Replace the two-byte encoding of U+00FF with one lone continuation byte: not UTF-8.
        var at = raw.AsSpan().IndexOf("\u00ff"u8);
        raw = [.. raw.AsSpan(0, at), 0x80, .. raw.AsSpan(at + 2)];

        var (page, malformed) = Read(raw);

        Assert.That(malformed, Is.Empty);
        Assert.That(page.Entries.Single().Message, Is.EqualTo("o\ufffdk"));
    }
}
