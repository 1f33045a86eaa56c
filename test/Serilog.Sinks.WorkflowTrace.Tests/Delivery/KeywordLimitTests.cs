using System.Text;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Delivery;

/// <summary>
/// Lucene indexes a keyword value as one term of at most 32,766 UTF-8 bytes and Elasticsearch refuses a document
/// holding a longer one. The sink never sends one: the value is cut when the document is written and the field
/// listed in <c>metadata.truncated_fields</c>, so the event arrives. Reshaped documents keep
/// <c>metadata.message_template</c>, which the field contract requires in every document.
/// </summary>
public class KeywordLimitTests : LoopbackServerTest
{
    const int MaxTermBytes = 32_766;

    static string[] TruncatedFields(JsonElement document) =>
        document.GetProperty("metadata").GetProperty("truncated_fields").EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Test]
    public void AKeywordPropertyOverTheTermLimitIsCutAndTheEventArrives()
    {
        // Two-byte characters and an emoji across the limit: the cut must count bytes and end on a whole character.
        var jobName = new string('\u00e9', MaxTermBytes / 2 - 1) + string.Concat(Enumerable.Repeat("\U0001F600", 2_000));
        var fallback = new ListSink();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.FallbackChain(wt => wt.WorkflowTrace(hosts: Server.Url.ToString()), wt => wt.Sink(fallback))
                   .CreateLogger())
        {
            logger.ForContext("JobName", jobName).Information("Job step {Step}", 3);
        }

        Assert.That(fallback.Events, Is.Empty, "nothing reported: the event was delivered");
        var document = Server.Documents.Single().Source;
        var stored = document.GetProperty("job_name").GetString()!;
        Assert.That(Encoding.UTF8.GetByteCount(stored), Is.LessThanOrEqualTo(MaxTermBytes).And.GreaterThan(MaxTermBytes - 4));
        Assert.That(jobName, Does.StartWith(stored));
        Assert.That(char.IsHighSurrogate(stored[^1]), Is.False, "no half of an emoji");
        Assert.That(TruncatedFields(document), Is.EqualTo(new[] { "job_name" }));
        Assert.That(document.GetProperty("metadata").GetProperty("message_template").GetString(), Is.EqualTo("Job step {Step}"));
        Assert.That(document.GetProperty("metadata").GetProperty("Step").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public void AnOptionAndATagOverTheTermLimitAreCutToo()
    {
        var workflow = new string('w', 40_000);
        var tag = new string('t', 50_000);
        var fallback = new ListSink();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.FallbackChain(wt => wt.WorkflowTrace(hosts: Server.Url.ToString(), workflowName: workflow), wt => wt.Sink(fallback))
                   .CreateLogger())
        {
            logger.ForContext("Tags", new[] { "short", tag }).Information("tagged");
            logger.Information("plain");
        }

        Assert.That(fallback.Events, Is.Empty);
        Assert.That(Server.DocumentCount, Is.EqualTo(2));
        foreach (var document in Server.Documents.Select(d => d.Source))
        {
            Assert.That(document.GetProperty("workflow_name").GetString(), Is.EqualTo(workflow[..MaxTermBytes]));
            Assert.That(TruncatedFields(document), Does.Contain("workflow_name"));
            Assert.That(document.GetProperty("metadata").TryGetProperty("message_template", out _), Is.True);
        }

        var tagged = Server.Documents.Single(d => d.Source.GetProperty("message").GetString() == "tagged").Source;
        Assert.That(tagged.GetProperty("tags").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "short", tag[..MaxTermBytes] }));
        Assert.That(TruncatedFields(tagged), Is.EquivalentTo(new[] { "workflow_name", "tags" }));
    }

    [Test]
    public void ADegradedDocumentKeepsItsMessageTemplate()
    {
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 1)
                   .CreateLogger())
        {
            // The first document maps metadata.Attempt as a number; the second is refused there and sent degraded.
            logger.Information("Attempt {Attempt}", 1);
            logger.Information("Attempt {Attempt}", "three");
        }

        var degraded = Server.Documents.Single(d => d.Source.GetProperty("message").GetString() == "Attempt three").Source;
        var metadata = degraded.GetProperty("metadata");
        Assert.That(metadata.GetProperty("degraded_reason").GetString(), Does.Contain("metadata.Attempt"));
        Assert.That(metadata.GetProperty("message_template").GetString(), Is.EqualTo("Attempt {Attempt}"), "the contract's template survives degrading");
    }

    [Test]
    public void ATruncatedDocumentKeepsItsMessageTemplate()
    {
        var properties = Enumerable.Range(0, 400).Select(i => new KeyValuePair<string, object?>("Key" + i, new string('v', 100)));
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), maxRequestBytes: 16_384)
                   .CreateLogger())
        {
            ILogger contextual = logger;
            foreach (var (name, value) in properties)
                contextual = contextual.ForContext(name, value);
            contextual.Information("Report {Name}", "big");
        }

        var document = Server.Documents.Single().Source;
        Assert.That(TruncatedFields(document), Does.Contain("metadata"));
        Assert.That(document.GetProperty("metadata").GetProperty("message_template").GetString(), Is.EqualTo("Report {Name}"));
    }

    [Test]
    public void AnImmenseTermRefusalMovesTheFieldItNamesIntoTheDegradedContentAndTheEventArrives()
    {
        // A server with a stricter limit than the sink's (a normalizer, a smaller keyword sub-field...) refuses job_name
        // with Lucene's message, which names the field as field="job_name", not in brackets.
        Server.Faults.FailItems(_ => new ItemError(400, "illegal_argument_exception",
            "Document contains at least one immense term in field=\"job_name\" (whose UTF8 encoding is longer than the max length 32766), all of which were skipped.  " +
            "Please correct the analyzer to not produce such terms.  The prefix of the first immense term is: '[106, 111, 98]...', original message: bytes can be at most 32766 in length; got 40000")
        {
            CausedBy = new ItemError(400, "max_bytes_length_exceeded_exception", "bytes can be at most 32766 in length; got 40000"),
        });
        var fallback = new ListSink();
        using (var logger = new LoggerConfiguration()
                   .WriteTo.FallbackChain(wt => wt.WorkflowTrace(hosts: Server.Url.ToString()), wt => wt.Sink(fallback))
                   .CreateLogger())
        {
            logger.ForContext("JobName", "job").Information("Job {Step}", 1);
        }

        Assert.That(fallback.Events, Is.Empty);
        var document = Server.Documents.Single().Source;
        Assert.That(document.TryGetProperty("job_name", out _), Is.False, "the refused field is not sent again as it was");
        var metadata = document.GetProperty("metadata");
        Assert.That(metadata.GetProperty("degraded_reason").GetString(), Does.Contain("immense term in field=\"job_name\""));
        var content = JsonDocument.Parse(metadata.GetProperty("degraded_content").GetString()!).RootElement;
        Assert.That(content.GetProperty("job_name").GetString(), Is.EqualTo("job"), "nothing lost");
        Assert.That(metadata.GetProperty("message_template").GetString(), Is.EqualTo("Job {Step}"));
    }
}
