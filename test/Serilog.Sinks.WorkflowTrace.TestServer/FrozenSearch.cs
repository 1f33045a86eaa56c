using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// A point in time: the documents of its indices as they were when it opened. Documents indexed, changed or deleted
/// afterwards are not seen through it, as a Lucene reader kept open does not see them.
/// </summary>
internal sealed class FrozenSearch
{
    private FrozenSearch(string id, List<FakeIndex> indices, List<SearchDocument> documents)
    {
        Id = id;
        Indices = indices;
        Documents = documents;
    }

    public string Id { get; }

    /// <summary>The indices the point in time was opened on (searches through it may not name others).</summary>
    public List<FakeIndex> Indices { get; }

    /// <summary>The documents as they were, in indexing order, their sources parsed once.</summary>
    public List<SearchDocument> Documents { get; }

    /// <summary>
    /// The sorted matches of a query through this point in time, computed once per query and sort: the documents cannot
    /// change, so every page of one read (the same query, a later <c>search_after</c>) sorts nothing again. Keeps a
    /// hundred-thousand-entry read through the loopback server linear rather than quadratic.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, (List<SearchDocument> Sorted, Dictionary<SearchDocument, JsonNode?[]> SortValues)> SortedMatches { get; } = new(StringComparer.Ordinal);

    /// <summary>Freezes what <paramref name="indices"/> hold now.</summary>
    public static FrozenSearch Open(string id, List<FakeIndex> indices) => new(id, indices, Freeze(indices));

    /// <summary>Copies of the documents held now, so later writes leave them as they are.</summary>
    public static List<SearchDocument> Freeze(IEnumerable<FakeIndex> indices) =>
        indices
            .SelectMany(index => index.Documents.Values.OrderBy(d => d.Order).Select(d => new SearchDocument(
                index,
                new IndexedDocument { Id = d.Id, Order = d.Order, SourceJson = d.SourceJson, Version = d.Version, SeqNo = d.SeqNo },
                JsonNode.Parse(d.SourceJson)!)))
            .ToList();
}
