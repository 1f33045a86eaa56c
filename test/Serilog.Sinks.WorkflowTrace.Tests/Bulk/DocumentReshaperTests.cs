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

    // Real item reasons naming a field, as the sink describes them ("status 400, <type>: <reason> (caused by ...)").
    // Elasticsearch 7/8 and OpenSearch pass Lucene's immense-term message on unchanged; the prefix is in brackets too.
    const string ImmenseTermReason =
        "status 400, illegal_argument_exception: Document contains at least one immense term in field=\"job_name\" (whose UTF8 encoding is longer than the max length 32766), " +
        "all of which were skipped.  Please correct the analyzer to not produce such terms.  The prefix of the first immense term is: '[120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120]...', " +
        "original message: bytes can be at most 32766 in length; got 40000 (caused by max_bytes_length_exceeded_exception: bytes can be at most 32766 in length; got 40000)";

    [TestCase(ImmenseTermReason, TestName = "Elasticsearch's immense term: field=\"job_name\"")]
    [TestCase("status 400, illegal_argument_exception: Document contains at least one immense term in field=\"job_name.keyword\" (whose UTF8 encoding is longer than the max length 32766), all of which were skipped. Please correct the analyzer to not produce such terms. The prefix of the first immense term is: '[120, 120]...', original message: bytes can be at most 32766 in length; got 40000",
        TestName = "An immense term in a keyword sub-field: field=\"job_name.keyword\"")]
    [TestCase("status 400, document_parsing_exception: [1:2] failed to parse field [job_name] of type [keyword] in document with id 'x'. Preview of field's value: 'xxx'",
        TestName = "Elasticsearch 8: failed to parse field [job_name] of type [keyword]")]
    [TestCase("status 400, mapper_parsing_exception: failed to parse field [job_name] of type [keyword] in document with id 'x'. Preview of field's value: 'xxx'",
        TestName = "OpenSearch and Elasticsearch 7: mapper_parsing_exception")]
    [TestCase("status 400, mapper_parsing_exception: failed to parse [job_name]", TestName = "Elasticsearch 6: failed to parse [job_name]")]
    public void TheFieldAReasonNamesMovesIntoTheDegradedContentWhateverTheFormOfTheName(string reason)
    {
        var value = new string('x', 40_000);
        var original = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["level"] = "info",
            ["job_name"] = value,
            ["stage_name"] = "s",
            ["metadata"] = new Dictionary<string, object> { ["message_template"] = "Job {JobName}" },
        });

        var degraded = Parse(DocumentReshaper.Degrade(original, reason));

        Assert.That(degraded.TryGetProperty("job_name", out _), Is.False, "the field the reason names is not sent again as it was");
        Assert.That(degraded.GetProperty("stage_name").GetString(), Is.EqualTo("s"));
        var content = JsonDocument.Parse(degraded.GetProperty("metadata").GetProperty("degraded_content").GetString()!).RootElement;
        Assert.That(content.GetProperty("job_name").GetString(), Is.EqualTo(value), "nothing of it is lost");
    }

    [Test]
    public void AnImmenseTermReasonWithoutARecognisableNameStillMovesTheKeywordOverTheLimit()
    {
        var value = new string('x', 40_000);
        var original = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["level"] = "info", ["job_name"] = value, ["stage_name"] = "s" });

        var degraded = Parse(DocumentReshaper.Degrade(original, "status 400, illegal_argument_exception: Document contains at least one immense term in field (whose UTF8 encoding is longer than the max length 32766)"));

        Assert.That(degraded.TryGetProperty("job_name", out _), Is.False);
        Assert.That(degraded.GetProperty("stage_name").GetString(), Is.EqualTo("s"));
    }

    [Test]
    public void ADegradedDocumentKeepsItsMessageTemplateUnderMetadata()
    {
        var original = Json("""{"level":"info","metadata":{"message_template":"Attempt {Attempt}","Attempt":"three","truncated_fields":["job_name"]}}""");
        var degraded = Parse(DocumentReshaper.Degrade(original, "status 400, document_parsing_exception: failed to parse field [metadata.Attempt] of type [long]"));

        var metadata = degraded.GetProperty("metadata");
        Assert.That(metadata.GetProperty("message_template").GetString(), Is.EqualTo("Attempt {Attempt}"));
        Assert.That(metadata.GetProperty("truncated_fields").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "job_name" }));
        Assert.That(metadata.GetProperty("degraded_reason").GetString(), Does.Contain("metadata.Attempt"));
        var content = JsonDocument.Parse(metadata.GetProperty("degraded_content").GetString()!).RootElement;
        Assert.That(content.GetProperty("metadata").GetProperty("Attempt").GetString(), Is.EqualTo("three"));
    }

    [Test]
    public void ATruncatedDocumentKeepsItsMessageTemplateUnderMetadata()
    {
        var metadata = Enumerable.Range(0, 5000).ToDictionary(i => "key" + i, i => (object)("value" + i));
        metadata["message_template"] = "Step {Step} done";
        var original = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["message"] = "short", ["metadata"] = metadata });

        var truncated = DocumentReshaper.Truncate(original, 8_000);

        Assert.That(truncated.Length, Is.LessThanOrEqualTo(8_000));
        var kept = Parse(truncated).GetProperty("metadata");
        Assert.That(kept.GetProperty("message_template").GetString(), Is.EqualTo("Step {Step} done"));
        Assert.That(kept.GetProperty("truncated_content").GetString(), Does.StartWith("{\"key0\":\"value0\""));
    }

    [Test]
    public void ADegradedDocumentCutToSizeKeepsItsTemplateReasonAndWhatItCanOfItsContent()
    {
        var original = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["level"] = "info",
            ["message"] = "short",
            ["metadata"] = new Dictionary<string, object> { ["message_template"] = "Payload {Payload}", ["Payload"] = new string('p', 50_000) },
        });

        var degraded = DocumentReshaper.Degrade(original, "status 400, document_parsing_exception: failed to parse field [metadata.Payload] of type [long]");
        var truncated = DocumentReshaper.Truncate(degraded, 10_000);

        Assert.That(truncated.Length, Is.LessThanOrEqualTo(10_000));
        var kept = Parse(truncated).GetProperty("metadata");
        Assert.That(kept.GetProperty("message_template").GetString(), Is.EqualTo("Payload {Payload}"));
        Assert.That(kept.GetProperty("degraded_reason").GetString(), Does.Contain("metadata.Payload"));
        Assert.That(kept.GetProperty("degraded_content").GetString(), Does.StartWith("{\"metadata\":{"));
        Assert.That(kept.GetProperty("truncated_fields").EnumerateArray().Select(e => e.GetString()), Does.Contain("metadata.degraded_content"));
    }

    [Test]
    public void AKeywordOverTheTermLimitIsCutOnACharacterBoundaryAndListed()
    {
        // 10,000 emoji: 40,000 UTF-8 bytes; the cut must not end inside one (4 bytes, two UTF-16 units).
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 10_000));
        var tag = new string('t', 40_000);
        var original = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["job_name"] = emoji,
            ["message"] = new string('m', 40_000),
            ["tags"] = new[] { "small", tag },
            ["metadata"] = new Dictionary<string, object> { ["message_template"] = "t" },
        }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.That(KeywordLimit.Exceeded(original), Is.True);
        var document = Parse(KeywordLimit.Truncate(original));

        var jobName = document.GetProperty("job_name").GetString()!;
        Assert.That(Encoding.UTF8.GetByteCount(jobName), Is.LessThanOrEqualTo(32_766).And.GreaterThan(32_760));
        Assert.That(emoji, Does.StartWith(jobName));
        Assert.That(jobName.Length % 2, Is.Zero, "no surrogate pair split");
        Assert.That(document.GetProperty("message").GetString(), Has.Length.EqualTo(40_000), "text is not a keyword: it stays");
        var tags = document.GetProperty("tags").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.That(tags[0], Is.EqualTo("small"));
        Assert.That(tags[1], Has.Length.EqualTo(32_766));
        var metadata = document.GetProperty("metadata");
        Assert.That(metadata.GetProperty("truncated_fields").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "job_name", "tags" }));
        Assert.That(metadata.GetProperty("message_template").GetString(), Is.EqualTo("t"));
        Assert.That(KeywordLimit.Exceeded(KeywordLimit.Truncate(original)), Is.False);
    }

    [Test]
    public void ADocumentWithoutALongKeywordIsNotReshaped()
    {
        var original = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["job_name"] = new string('j', 32_766),
            ["message"] = new string('m', 100_000),
            ["metadata"] = new Dictionary<string, object> { ["job_name"] = new string('x', 40_000) },
        });
        Assert.That(KeywordLimit.Exceeded(original), Is.False);
    }
}
