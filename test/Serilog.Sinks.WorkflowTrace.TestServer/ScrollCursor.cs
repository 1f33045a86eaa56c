using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// An open scroll: every hit of the first search, sorted, frozen when it started, and how far the client has read.
/// </summary>
internal sealed class ScrollCursor(string id, List<SearchDocument> matches, Dictionary<SearchDocument, JsonNode?[]> sortValues,
    List<SortSpec> sorts, int size, JsonObject body, EsRequest request, int shards)
{
    public string Id { get; } = id;

    public List<SearchDocument> Matches { get; } = matches;

    public Dictionary<SearchDocument, JsonNode?[]> SortValues { get; } = sortValues;

    public List<SortSpec> Sorts { get; } = sorts;

    public int Size { get; } = size;

    /// <summary>The first request's body and parameters: each page shows hits as the first one asked.</summary>
    public JsonObject Body { get; } = body;

    public EsRequest Request { get; } = request;

    public int Shards { get; } = shards;

    /// <summary>How many hits have been handed out.</summary>
    public int Position { get; set; }
}
