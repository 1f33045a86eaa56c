namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// The iteration order of a <c>java.util.HashMap</c> filled in sorted order. Elasticsearch shows nested settings
/// from such maps (<c>Settings.getAsStructuredMap</c>), which is why <c>number_of_shards</c> comes before
/// <c>number_of_replicas</c> in its answers; clients comparing bodies as text see the same order here.
/// </summary>
internal static class JavaHashMapOrder
{
    public static IEnumerable<string> Of(IEnumerable<string> keys)
    {
        var sorted = keys.Order(StringComparer.Ordinal).ToList();

        // HashMap(2) doubles while size exceeds 0.75 of the table.
        var tableSize = 2;
        while (sorted.Count > (int)(tableSize * 0.75))
        {
            tableSize *= 2;
        }

        // Within a bucket, entries keep insertion order (resizes split buckets without reordering).
        return sorted
            .Select((key, position) => (key, position, bucket: Spread(JavaHashCode(key)) & (tableSize - 1)))
            .OrderBy(e => e.bucket)
            .ThenBy(e => e.position)
            .Select(e => e.key);
    }

    private static int JavaHashCode(string text)
    {
        var hash = 0;
        foreach (var c in text)
        {
            hash = unchecked((31 * hash) + c);
        }

        return hash;
    }

    private static int Spread(int hash) => hash ^ (int)((uint)hash >> 16);
}
