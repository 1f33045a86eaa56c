using System.Text;
using Serilog.Sinks.WorkflowTrace.Reading;
using static Serilog.Sinks.WorkflowTrace.Tests.Reading.EntryAnswers;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// Issue 15 point 6, "a malformed document (reported with its id, the rest still read)": a hit whose source cannot be
/// a trace entry is reported through the callback with its _id, _index and the field at fault, and the page goes on;
/// only an answer that is not a search answer at all throws, saying why.
/// </summary>
public class MalformedHitTests
{
    [TestCase("{\"thread\":\"abc\"}", "thread", "\"abc\"")]
    [TestCase("{\"tags\":5}", "tags", "the number 5")]
    [TestCase("{\"tags\":[\"a\",{\"b\":1}]}", "tags", "an object")]
    [TestCase("{\"datetime\":\"not a date\"}", "datetime", "\"not a date\"")]
    [TestCase("{\"process\":4294967296}", "process", "4294967296")]
    [TestCase("{\"duration_ms\":\"fast\"}", "duration_ms", "\"fast\"")]
    [TestCase("{\"error_flag\":\"yes\"}", "error_flag", "\"yes\"")]
    [TestCase("{\"metadata\":\"text\"}", "metadata", "\"text\"")]
    [TestCase("{\"message\":{\"a\":1}}", "message", "an object")]
    [TestCase("{\"level\":[\"info\"]}", "level", "an array")]
    [TestCase("{\"message\":\"\\ud800 lone surrogate\"}", "message", "\\ud800")]
    public void AnUnreadableSourceIsReportedWithItsIdAndTheRestOfThePageIsRead(string bad, string field, string excerpt)
    {
        var (page, malformed) = Read(Answer("{\"message\":\"before\"}", bad, "{\"message\":\"after\"}"));

        Assert.That(page.Entries.Select(e => e.Message), Is.EqualTo(new[] { "before", "after" }));
        Assert.That(page.Hits, Is.EqualTo(3), "the malformed hit counts as a hit");
        Assert.That(malformed, Has.Count.EqualTo(1));
        Assert.That(malformed[0].Id, Is.EqualTo("doc-2"));
        Assert.That(malformed[0].Index, Is.EqualTo("workflow-traces"));
        Assert.That(malformed[0].Reason, Does.Contain($"'{field}'").And.Contain(excerpt));
        Assert.That(page.LastSort, Is.EqualTo("[2,2]"), "the last hit's sort is kept whatever its source");
    }

    [TestCase("\"_source\":\"text\"", "_source is a string")]
    [TestCase("\"_source\":[1,2]", "_source is an array")]
    [TestCase("\"_source\":null", "_source is null")]
    [TestCase("\"_score\":1", "no _source")]
    public void AHitWithoutAnObjectSourceIsReported(string member, string reason)
    {
        var (page, malformed) = Read(Hits([
            "{\"_index\":\"i\",\"_id\":\"bad\"," + member + "}",
            "{\"_index\":\"i\",\"_id\":\"good\",\"_source\":{\"level\":\"info\"}}",
        ]));
        Assert.That(page.Entries.Select(e => e.Id), Is.EqualTo(new[] { "good" }));
        Assert.That(malformed.Single(), Has.Property("Id").EqualTo("bad").And.Property("Reason").Contains(reason));
    }

    [Test]
    public void AHitThatIsNotAnObjectIsReportedAndSkipped()
    {
        var (page, malformed) = Read(Hits(["42", "{\"_id\":\"good\",\"_source\":{}}"]));
        Assert.That(page.Entries.Select(e => e.Id), Is.EqualTo(new[] { "good" }));
        Assert.That(page.Hits, Is.EqualTo(2));
        Assert.That(malformed.Single().Reason, Does.Contain("hit 1 is a number"));
    }

    [Test]
    public void DeeplyNestedMetadataDoesNotStopThePage()
    {
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);
        var entry = Single($"{{\"metadata\":{nested}}}");
        Assert.That(entry.MetadataJson, Is.EqualTo(nested));
    }

    [TestCase("", "not valid JSON")]
    [TestCase("<html>502 Bad Gateway</html>", "not valid JSON")]
    [TestCase("{\"hits\":{\"hits\":[{\"_id\":\"a\",\"_source\":{\"message\":\"cut", "not valid JSON")]
    [TestCase("[1,2]", "an array, not a JSON object")]
    [TestCase("{\"hits\":{\"hits\":\"none\"}}", "'hits.hits' is a string")]
    public void AnAnswerThatIsNotASearchAnswerThrowsSayingWhy(string body, string why)
    {
        var e = Assert.Throws<TraceReadException>(() => SearchHitsReader.Read(Encoding.UTF8.GetBytes(body), _ => { }));
        Assert.That(e!.Message, Does.StartWith("The search answer cannot be read").And.Contain(why));
    }
}
