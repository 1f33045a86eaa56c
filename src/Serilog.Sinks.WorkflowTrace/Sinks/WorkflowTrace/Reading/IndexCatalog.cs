using System.Globalization;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Lists the indices behind the reader's index expression with <c>_cat/indices</c> (a data stream is listed as its
/// backing indices, a time-based pattern as every matching index) and tells a data stream's write index.
/// </summary>
static class IndexCatalog
{
    /// <summary>What listing needs: <c>_cat/indices</c> reads the cluster state and the indices' statistics.</summary>
    public const string ListPrivileges = "the cluster privilege monitor and the index privilege monitor on the trace indices";

    const string Columns = "index,health,docs.count,store.size,creation.date";

    /// <summary>The indices <paramref name="index"/> stands for, by name; empty when a pattern matches none.</summary>
    public static async Task<IReadOnlyList<TraceIndexInfo>> ListAsync(ReaderClient client, string index, CancellationToken cancellationToken)
    {
        var operation = $"listing the trace indices '{index}'";
        var response = await client.SendAsync(HttpMethod.Get, $"_cat/indices/{Uri.EscapeDataString(index)}?format=json&bytes=b&h={Columns}&s=index",
            default, operation, index, cancellationToken, privileges: ListPrivileges).ConfigureAwait(false);
        var indices = AnswerJson.Read(response, operation, root => root.EnumerateArray().Select(Row).ToList());
        indices.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return indices;
    }

    /// <summary>
    /// The write index of the data stream <paramref name="name"/> (the last of its backing indices), or null when
    /// <paramref name="name"/> is not a data stream (an alias).
    /// </summary>
    public static async Task<string?> WriteIndexAsync(ReaderClient client, string name, CancellationToken cancellationToken)
    {
        var operation = $"reading the data stream '{name}'";
        Transport.TransportResponse response;
        try
        {
            response = await client.SendAsync(HttpMethod.Get, "_data_stream/" + Uri.EscapeDataString(name), default, operation, name, cancellationToken,
                privileges: "the index privilege view_index_metadata on the trace indices").ConfigureAwait(false);
        }
        catch (TraceIndexMissingException)
        {
            return null;
        }

        return AnswerJson.Read(response, operation, root =>
        {
            var streams = root.GetProperty("data_streams");
            return streams.GetArrayLength() == 0 ? null : streams[0].GetProperty("indices").EnumerateArray().Last().GetProperty("index_name").GetString();
        });
    }

    static TraceIndexInfo Row(JsonElement row) => new(
        row.GetProperty("index").GetString() ?? throw new FormatException("an index without a name"),
        Text(row, "health"),
        Number(row, "docs.count"),
        Number(row, "store.size"),
        Created(Number(row, "creation.date")));

    static DateTimeOffset? Created(long millis) => millis > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(millis) : null;

    static string? Text(JsonElement row, string column) =>
        row.TryGetProperty(column, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Every cat value is a string; a closed index shows null counts.
    static long Number(JsonElement row, string column) =>
        Text(row, column) is { } text ? long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
}
