namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Root bodies of other versions, for servers that differ by version only (point in time, <c>_shard_doc</c>).</summary>
public static class RootVersions
{
    /// <summary>The Elasticsearch 7.17.22 body with another <c>version.number</c>, e.g. <c>7.9.3</c>.</summary>
    public static string Elasticsearch(string number) => RootResponses.Elasticsearch71722.Replace("\"7.17.22\"", $"\"{number}\"", StringComparison.Ordinal);

    /// <summary>The OpenSearch 2.17.1 body with another <c>version.number</c>, e.g. <c>2.3.0</c>.</summary>
    public static string OpenSearch(string number) => RootResponses.OpenSearch2171.Replace("\"2.17.1\"", $"\"{number}\"", StringComparison.Ordinal);
}
