using System.Text;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Bulk;

namespace Serilog.Sinks.WorkflowTrace.Tests.Bulk;

/// <summary>The degraded and truncated forms of a document: valid JSON, nothing of the content lost silently.</summary>
public class DocumentReshaperTests
{
    static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    static JsonElement Parse(byte[] document) => JsonDocument.Parse(document).RootElement;

    [Test]
    public void ADegradedDocumentKeepsItsContentAsOneJsonStringBesideTheReason()
    {
        var original = Json("""{"level":"info","message":"m","run_id":"r1","metadata":{"Attempt":"three","Nested":{"a":[1,2]}}}""");
        var degraded = Parse(DocumentReshaper.Degrade(original, "status 400, document_parsing_exception: failed to parse field [metadata.Attempt] of type [long]"));

        Assert.That(degraded.GetProperty("message").GetString(), Is.EqualTo("m"));
        Assert.That(degraded.GetProperty("run_id").GetString(), Is.EqualTo("r1"));
        var metadata = degraded.GetProperty("metadata");
        Assert.That(metadata.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "degraded_reason", "degraded_content" }));
        Assert.That(metadata.GetProperty("degraded_reason").GetString(), Does.Contain("metadata.Attempt"));
        var content = JsonDocument.Parse(metadata.GetProperty("degraded_content").GetString()!).RootElement;
        Assert.That(content.GetProperty("metadata").GetProperty("Attempt").GetString(), Is.EqualTo("three"));
        Assert.That(content.GetProperty("metadata").GetProperty("Nested").GetProperty("a").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public void ATopLevelFieldNamedByTheReasonMovesIntoTheContentToo()
    {
        var original = Json("""{"level":"info","datetime":"2026-01-01T00:00:00Z","duration_ms":1.5,"job_name":"j"}""");
        var degraded = Parse(DocumentReshaper.Degrade(original, "failed to parse field [duration_ms] of type [float] in document with id 'x'"));

        Assert.That(degraded.TryGetProperty("duration_ms", out _), Is.False);
        Assert.That(degraded.GetProperty("job_name").GetString(), Is.EqualTo("j"));
        Assert.That(degraded.GetProperty("datetime").GetString(), Is.EqualTo("2026-01-01T00:00:00Z"));
        var content = JsonDocument.Parse(degraded.GetProperty("metadata").GetProperty("degraded_content").GetString()!).RootElement;
        Assert.That(content.GetProperty("duration_ms").GetDouble(), Is.EqualTo(1.5));
    }

    [Test]
    public void FieldsTheSinkAlwaysWritesItselfStayWhateverTheReasonSays()
    {
        var original = Json("""{"level":"info","datetime":"2026-01-01T00:00:00Z"}""");
        var degraded = Parse(DocumentReshaper.Degrade(original, "mapper [datetime] and [level] [long]"));
        Assert.That(degraded.GetProperty("datetime").GetString(), Is.EqualTo("2026-01-01T00:00:00Z"));
        Assert.That(degraded.GetProperty("level").GetString(), Is.EqualTo("info"));
    }

    [Test]
    public void AnOversizedDocumentIsCutToTheLimitAndSaysWhatWasCut()
    {
        var message = new string('m', 50_000);
        var stack = new string('s', 30_000);
        var original = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["level"] = "error",
            ["message"] = message,
            ["stack_trace"] = stack,
            ["run_id"] = "r1",
            ["metadata"] = new Dictionary<string, object> { ["small"] = 1 },
        });

        var truncated = DocumentReshaper.Truncate(original, 10_000);
        Assert.That(truncated.Length, Is.LessThanOrEqualTo(10_000));
        var document = Parse(truncated);
        Assert.That(document.GetProperty("run_id").GetString(), Is.EqualTo("r1"));
        Assert.That(message, Does.StartWith(document.GetProperty("message").GetString()!));
        Assert.That(document.GetProperty("message").GetString()!.Length, Is.GreaterThan(1000), "cut, not emptied");
        var cut = document.GetProperty("metadata").GetProperty("truncated_fields").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.That(cut, Does.Contain("message").And.Contain("stack_trace"));
        Assert.That(document.GetProperty("metadata").GetProperty("small").GetInt32(), Is.EqualTo(1), "metadata that was not in the way stays");
    }

    [Test]
    public void HugeMetadataBecomesATruncatedJsonString()
    {
        var metadata = Enumerable.Range(0, 5000).ToDictionary(i => "key" + i, i => (object)("value" + i));
        var original = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["message"] = "short", ["metadata"] = metadata });

        var truncated = DocumentReshaper.Truncate(original, 8_000);
        Assert.That(truncated.Length, Is.LessThanOrEqualTo(8_000));
        var document = Parse(truncated);
        Assert.That(document.GetProperty("message").GetString(), Is.EqualTo("short"));
        var kept = document.GetProperty("metadata");
        Assert.That(kept.GetProperty("truncated_content").GetString(), Does.StartWith("{\"key0\":\"value0\""));
        Assert.That(kept.GetProperty("truncated_fields").EnumerateArray().Select(e => e.GetString()), Does.Contain("metadata"));
    }

    [Test]
    public void CuttingNeverSplitsASurrogatePair()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 10_000));
        var original = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["message"] = emoji }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var document = Parse(DocumentReshaper.Truncate(original, 5_000));
        var message = document.GetProperty("message").GetString()!;
        Assert.That(message.Length % 2, Is.Zero);
        Assert.That(message.All(c => char.IsSurrogate(c)), Is.True);
    }

    [Test]
    public void ADocumentWithinTheLimitIsLeftAsItIs()
    {
        var original = Json("""{"message":"m","metadata":{"a":1}}""");
        Assert.That(Encoding.UTF8.GetString(DocumentReshaper.Truncate(original, 1000)), Is.EqualTo("""{"message":"m","metadata":{"a":1}}"""));
    }
}
