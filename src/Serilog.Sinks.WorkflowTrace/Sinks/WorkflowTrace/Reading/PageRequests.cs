using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// The paths and bodies of paging: opening and closing a point in time (each server's API), a page through it with
/// <c>search_after</c>, and a sorted scroll. A page never uses <c>from</c>.
/// </summary>
static class PageRequests
{
    /// <summary>Where a point in time is opened on <paramref name="index"/>.</summary>
    public static string OpenPath(PagingMethod method, string index, TimeSpan keepAlive) => method switch
    {
        PagingMethod.OpenSearchPointInTime => $"{Escape(index)}/_search/point_in_time?keep_alive={Duration(keepAlive)}",
        _ => $"{Escape(index)}/_pit?keep_alive={Duration(keepAlive)}",
    };

    /// <summary>Where a point in time is closed.</summary>
    public static string ClosePath(PagingMethod method) => method == PagingMethod.OpenSearchPointInTime ? "_search/point_in_time" : "_pit";

    /// <summary><c>{"id":".."}</c> (Elasticsearch) or <c>{"pit_id":[".."]}</c> (OpenSearch).</summary>
    public static byte[] CloseBody(PagingMethod method, string id) => Build(json =>
    {
        json.WriteStartObject();
        if (method == PagingMethod.OpenSearchPointInTime)
        {
            json.WriteStartArray("pit_id");
            json.WriteStringValue(id);
            json.WriteEndArray();
        }
        else
        {
            json.WriteString("id", id);
        }

        json.WriteEndObject();
    });

    /// <summary>
    /// One page through a point in time: <c>size</c>, the query, the sort (<c>datetime</c>, then the tiebreaker), the
    /// point in time with its keep-alive, and <c>search_after</c> from the second page on.
    /// </summary>
    public static byte[] PointInTimePage(Action<Utf8JsonWriter> writeQuery, TraceOrder order, string tiebreaker, string pitId,
        TimeSpan keepAlive, int size, string? searchAfter) => Build(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("size", size);
        json.WritePropertyName("query");
        writeQuery(json);
        WriteSort(json, order, tiebreaker);
        json.WriteStartObject("pit");
        json.WriteString("id", pitId);
        json.WriteString("keep_alive", Duration(keepAlive));
        json.WriteEndObject();
        if (searchAfter is not null)
        {
            json.WritePropertyName("search_after");
            json.WriteRawValue(searchAfter);
        }

        json.WriteBoolean("track_total_hits", false);
        json.WriteEndObject();
    });

    /// <summary>Where a scroll starts on <paramref name="index"/>.</summary>
    public static string ScrollPath(string index, TimeSpan keepAlive) => $"{Escape(index)}/_search?scroll={Duration(keepAlive)}";

    /// <summary>The first page of a scroll: <c>size</c>, the query, the sort on <c>datetime</c>.</summary>
    public static byte[] ScrollStart(Action<Utf8JsonWriter> writeQuery, TraceOrder order, int size) => Build(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("size", size);
        json.WritePropertyName("query");
        writeQuery(json);
        WriteSort(json, order, null);
        json.WriteEndObject();
    });

    /// <summary>Path of the next page of a scroll and of clearing it.</summary>
    public const string ScrollNextPath = "_search/scroll";

    /// <summary><c>{"scroll":"60s","scroll_id":".."}</c>.</summary>
    public static byte[] ScrollNext(string scrollId, TimeSpan keepAlive) => Build(json =>
    {
        json.WriteStartObject();
        json.WriteString("scroll", Duration(keepAlive));
        json.WriteString("scroll_id", scrollId);
        json.WriteEndObject();
    });

    /// <summary><c>{"scroll_id":[".."]}</c>.</summary>
    public static byte[] ScrollClear(string scrollId) => Build(json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("scroll_id");
        json.WriteStringValue(scrollId);
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>A keep-alive as Elasticsearch's time value, in whole seconds rounded up: <c>60s</c>.</summary>
    public static string Duration(TimeSpan span) =>
        ((long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";

    // datetime first (a missing one sorts last; unmapped_type keeps an index without the field from failing the
    // search), then the tiebreaker in the same direction.
    static void WriteSort(Utf8JsonWriter json, TraceOrder order, string? tiebreaker)
    {
        var direction = order == TraceOrder.NewestFirst ? "desc" : "asc";
        json.WriteStartArray("sort");
        json.WriteStartObject();
        json.WriteStartObject("datetime");
        json.WriteString("order", direction);
        json.WriteString("unmapped_type", "date");
        json.WriteEndObject();
        json.WriteEndObject();
        if (tiebreaker is not null)
        {
            json.WriteStartObject();
            json.WriteString(tiebreaker, direction);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    // An index expression keeps its wildcards and commas, which Elasticsearch reads in the path as they are.
    static string Escape(string index) => Uri.EscapeDataString(index).Replace("%2A", "*", StringComparison.Ordinal).Replace("%2C", ",", StringComparison.Ordinal);

    static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
