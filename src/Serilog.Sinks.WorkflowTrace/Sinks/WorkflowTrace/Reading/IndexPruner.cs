using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Finds the trace indices whose newest entry is older than a date, and deletes exactly those, one by name per
/// request (never a wildcard, which Elasticsearch 8 refuses anyway). Only whole indices that the sink has moved on
/// from can go: the indices of a time-based name, and a data stream's backing indices but its write index (which
/// Elasticsearch refuses to delete). A fixed index, or an alias, is never deleted whole: it is where the sink writes.
/// </summary>
static class IndexPruner
{
    const string DeletePrivileges = "the index privilege delete_index on the trace indices";

    // The newest datetime of one index: one hit, sorted, without its source. An index without the field sorts as missing.
    const string NewestEntryQuery = """{"size":1,"sort":[{"datetime":{"order":"desc","unmapped_type":"date"}}],"_source":false,"track_total_hits":false}""";

    /// <summary>The indices behind <paramref name="index"/> that may be pruned, and those older than <paramref name="olderThan"/>.</summary>
    public static async Task<IReadOnlyList<TraceIndexInfo>> FindOldAsync(ReaderClient client, string index, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var listed = await IndexCatalog.ListAsync(client, index, cancellationToken).ConfigureAwait(false);
        var candidates = await PrunableAsync(client, index, listed, cancellationToken).ConfigureAwait(false);
        var old = new List<TraceIndexInfo>();
        foreach (var candidate in candidates)
        {
            // An empty index has no newest entry: its creation date stands in.
            var newest = candidate.Documents == 0 ? null : await NewestEntryAsync(client, candidate.Name, cancellationToken).ConfigureAwait(false);
            var age = newest ?? candidate.CreatedAt;
            if (age is { } known && known < olderThan)
                old.Add(candidate);
        }

        return old;
    }

    /// <summary>Deletes <paramref name="indices"/> by name; a failure says which were deleted before it.</summary>
    public static async Task DeleteAsync(ReaderClient client, IReadOnlyList<TraceIndexInfo> indices, CancellationToken cancellationToken)
    {
        var deleted = new List<string>();
        foreach (var index in indices)
        {
            var operation = $"deleting the trace index '{index.Name}'" + (deleted.Count == 0 ? "" : $" (after deleting {string.Join(", ", deleted)})");

            // ignore_unavailable: an index someone else deleted meanwhile is gone, as asked.
            await client.SendAsync(HttpMethod.Delete, Uri.EscapeDataString(index.Name) + "?ignore_unavailable=true", default, operation, index.Name,
                cancellationToken, privileges: DeletePrivileges).ConfigureAwait(false);
            deleted.Add(index.Name);
        }
    }

    static async Task<IReadOnlyList<TraceIndexInfo>> PrunableAsync(ReaderClient client, string index, IReadOnlyList<TraceIndexInfo> listed, CancellationToken cancellationToken)
    {
        if (index.Contains('*', StringComparison.Ordinal))
            return listed;
        if (listed.Count == 1 && listed[0].Name == index)
            throw new InvalidOperationException(
                $"The reader reads the fixed index '{index}': pruning deletes whole indices and never this one, where the sink writes. " +
                "Use a time-based index name (indexName \"workflow-traces-{0:yyyy.MM.dd}\") or a data stream with a lifecycle policy to let old traces go.");
        if (listed.Count == 0)
            return listed;

        var writeIndex = await IndexCatalog.WriteIndexAsync(client, index, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException(
                $"'{index}' is an alias (of {string.Join(", ", listed.Select(i => i.Name))}), not a time-based name or a data stream: pruning never deletes " +
                "the indices behind an alias. Let its lifecycle policy delete them, or delete them by name.");
        return listed.Where(i => i.Name != writeIndex).ToList();
    }

    static async Task<DateTimeOffset?> NewestEntryAsync(ReaderClient client, string name, CancellationToken cancellationToken)
    {
        var operation = $"reading the newest entry of the trace index '{name}'";
        var response = await client.SendJsonAsync(HttpMethod.Post, Uri.EscapeDataString(name) + "/_search", NewestEntryQuery, operation, name, cancellationToken,
            privileges: "the index privilege read on the trace indices").ConfigureAwait(false);
        return AnswerJson.Read(response, operation, root =>
        {
            var hits = root.GetProperty("hits").GetProperty("hits");
            if (hits.GetArrayLength() == 0 || !hits[0].TryGetProperty("sort", out var sort) || sort[0].ValueKind != JsonValueKind.Number)
                return (DateTimeOffset?)null;

            // A hit without the field shows the extreme long Elasticsearch sorts missing values with.
            var millis = sort[0].GetInt64();
            return millis == long.MinValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(millis);
        });
    }
}
