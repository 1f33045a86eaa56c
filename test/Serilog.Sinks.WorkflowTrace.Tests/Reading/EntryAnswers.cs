using System.Text;
using Serilog.Sinks.WorkflowTrace.Reading;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>Search answers in Elasticsearch's shape around given <c>_source</c> texts, and what reading them gives.</summary>
static class EntryAnswers
{
    /// <summary>An answer whose hits hold <paramref name="sources"/> (raw JSON), ids <c>doc-1</c>, <c>doc-2</c>...</summary>
    public static byte[] Answer(params string[] sources) =>
        Hits(sources.Select((source, i) => $"{{\"_index\":\"workflow-traces\",\"_id\":\"doc-{i + 1}\",\"_score\":null,\"_source\":{source},\"sort\":[{i},{i}]}}"));

    /// <summary>An answer around raw hit texts.</summary>
    public static byte[] Hits(IEnumerable<string> hits) => Encoding.UTF8.GetBytes(
        "{\"took\":2,\"timed_out\":false,\"_shards\":{\"total\":1,\"successful\":1,\"skipped\":0,\"failed\":0}," +
        $"\"hits\":{{\"total\":{{\"value\":{hits.Count()},\"relation\":\"eq\"}},\"max_score\":null,\"hits\":[{string.Join(",", hits)}]}}}}");

    /// <summary>Reads <paramref name="answer"/>, collecting what is reported malformed.</summary>
    public static (SearchPage Page, List<MalformedTraceDocument> Malformed) Read(byte[] answer)
    {
        var malformed = new List<MalformedTraceDocument>();
        return (SearchHitsReader.Read(answer, malformed.Add), malformed);
    }

    /// <summary>The single entry of an answer around <paramref name="source"/>, none reported malformed.</summary>
    public static TraceEntry Single(string source)
    {
        var (page, malformed) = Read(Answer(source));
        Assert.That(malformed, Is.Empty, "reported malformed");
        return page.Entries.Single();
    }
}
