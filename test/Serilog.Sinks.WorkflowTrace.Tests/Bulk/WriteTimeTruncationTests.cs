using System.Text;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Bulk;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Bulk;

/// <summary>
/// A document over the size limit because of long texts is made to fit as it is written: the longest texts are cut
/// to a fair share of the room (shorter ones kept whole) and listed in <c>metadata.truncated_fields</c>; the
/// document is not parsed and rewritten, so it has no <c>truncated_content</c>.
/// </summary>
public class WriteTimeTruncationTests
{
    const int Limit = 64 * 1024;

    static (JsonElement Document, int Bytes, bool Truncated) Write(Action<ILogger> log)
    {
        using var probe = DocumentProbe.Create();
        log(probe.Logger);
        using var builder = new BulkPayloadBuilder(IndexNameFormat.Parse("workflow-traces"), probe.Writer, new DocumentIdFactory(), Limit);
        builder.Reset();
        Assert.That(builder.TryAppend(probe.Captured.Single(), DateTime.UtcNow), Is.Null);
        var lines = Encoding.UTF8.GetString(builder.Body.Span).TrimEnd('\n').Split('\n');
        return (JsonDocument.Parse(lines[1]).RootElement.Clone(), Encoding.UTF8.GetByteCount(lines[1]), builder.LastAppendTruncated);
    }

    static string[] TruncatedFields(JsonElement document) =>
        document.GetProperty("metadata").GetProperty("truncated_fields").EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Test]
    public void TheLongestTextsAreCutToAFairShareAndTheShortOnesKeptWhole()
    {
        var a = new string('a', 500_000);
        var b = new string('b', 3_000);
        var (document, bytes, truncated) = Write(log => log.Information("{A} and {B}", a, b));

        Assert.That(bytes, Is.LessThanOrEqualTo(Limit));
        Assert.That(truncated, Is.True);
        Assert.That(TruncatedFields(document), Is.EquivalentTo(new[] { "message", "metadata.A" }));
        var metadata = document.GetProperty("metadata");
        Assert.That(metadata.GetProperty("B").GetString(), Is.EqualTo(b), "a text shorter than the share is kept whole");
        var keptA = metadata.GetProperty("A").GetString()!;
        var message = document.GetProperty("message").GetString()!;
        Assert.That(a, Does.StartWith(keptA).And.StartWith(message));
        Assert.That(keptA.Length, Is.GreaterThan(Limit / 4), "the two long texts share the room");
        Assert.That(message.Length, Is.GreaterThan(Limit / 4));
        Assert.That(metadata.TryGetProperty("truncated_content", out _), Is.False, "cut as written, not rewritten");
        Assert.That(metadata.GetProperty("message_template").GetString(), Is.EqualTo("{A} and {B}"));
    }

    [Test]
    public void MultiByteTextIsCutOnCharacterBoundariesAndStillFits()
    {
        var text = string.Concat(Enumerable.Repeat("\u00e9\U0001F600", 100_000));
        var (document, bytes, _) = Write(log => log.ForContext("Text", text).Information("emoji"));

        Assert.That(bytes, Is.LessThanOrEqualTo(Limit));
        var kept = document.GetProperty("metadata").GetProperty("Text").GetString()!;
        Assert.That(text, Does.StartWith(kept));
        Assert.That(char.IsHighSurrogate(kept[^1]), Is.False, "no half of an emoji");
        // JSON escapes characters outside the basic plane (12 bytes an emoji): the cut accounts for it, and still uses the room.
        Assert.That(bytes, Is.GreaterThan(Limit * 3 / 4), "most of the room is used");
        Assert.That(TruncatedFields(document), Is.EqualTo(new[] { "metadata.Text" }));
    }

    [Test]
    public void ALongExceptionIsCutLikeAnyOtherText()
    {
        var exception = new InvalidOperationException(new string('e', 300_000));
        var (document, bytes, _) = Write(log => log.Error(exception, "failed"));

        Assert.That(bytes, Is.LessThanOrEqualTo(Limit));
        Assert.That(TruncatedFields(document), Is.SupersetOf(new[] { "exception_message", "stack_trace" }));
        Assert.That(document.GetProperty("exception_message").GetString()!.Length, Is.GreaterThan(Limit / 4));
    }

    [Test]
    public void AnEventThatFitsIsWrittenWhole()
    {
        var text = new string('t', 20_000);
        var (document, _, truncated) = Write(log => log.Information("{Text}", text));

        Assert.That(truncated, Is.False);
        Assert.That(document.GetProperty("message").GetString(), Is.EqualTo(text));
        Assert.That(document.GetProperty("metadata").TryGetProperty("truncated_fields", out _), Is.False);
    }
}
