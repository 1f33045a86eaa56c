using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>An Elasticsearch exception as it appears in error bodies and failed bulk items.</summary>
internal sealed class EsError(int status, string type, string reason)
{
    private readonly List<KeyValuePair<string, JsonNode?>> _metadata = [];

    public int Status { get; } = status;

    public string Type { get; } = type;

    public string Reason { get; } = reason;

    public EsError? CausedBy { get; init; }

    /// <summary>Set where Elasticsearch names a different root cause than the chain suggests (search phase failures).</summary>
    public EsError? RootCauseOverride { get; init; }

    /// <summary>False for JDK and Jackson exceptions (illegal_argument_exception, json_parse_exception, ...).</summary>
    public bool FromElasticsearch { get; init; } = true;

    /// <summary>Response headers the error carries (ES puts them in the body's <c>header</c> too).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Adds a metadata field such as <c>index_uuid</c>, kept in insertion order.</summary>
    public EsError With(string key, JsonNode? value)
    {
        _metadata.Add(new(key, value));
        return this;
    }

    /// <summary>A copy under another type and reason, keeping metadata, headers and cause.</summary>
    public EsError Renamed(string type, string reason)
    {
        var copy = new EsError(Status, type, reason)
        {
            CausedBy = CausedBy,
            RootCauseOverride = RootCauseOverride,
            FromElasticsearch = FromElasticsearch,
            Headers = Headers,
        };
        copy._metadata.AddRange(_metadata);
        return copy;
    }

    /// <summary>The exception object: type, reason, metadata, header, caused_by.</summary>
    public JsonObject ToXContent(bool includeCause = true)
    {
        var result = new JsonObject { ["type"] = Type, ["reason"] = Reason };
        foreach (var (key, value) in _metadata)
        {
            result[key] = value?.DeepClone();
        }

        if (Headers.Count > 0)
        {
            var header = new JsonObject();
            foreach (var group in Headers.GroupBy(h => h.Key))
            {
                header[group.Key] = new JsonArray(group.Select(h => (JsonNode?)JsonValue.Create(h.Value)).ToArray());
            }

            result["header"] = header;
        }

        if (includeCause && CausedBy is not null)
        {
            result["caused_by"] = CausedBy.ToXContent();
        }

        return result;
    }

    /// <summary>A whole error response: <c>{"error":{"root_cause":[..],..},"status":N}</c>.</summary>
    public JsonObject ToResponseBody()
    {
        var error = new JsonObject { ["root_cause"] = new JsonArray((RootCauseOverride ?? RootCause()).ToXContent(includeCause: false)) };
        foreach (var (key, value) in ToXContent())
        {
            error[key] = value?.DeepClone();
        }

        return new JsonObject { ["error"] = error, ["status"] = Status };
    }

    // ES reports the deepest Elasticsearch exception as the root cause; JDK and Jackson causes are not ones.
    private EsError RootCause()
    {
        var current = this;
        while (current.CausedBy is { FromElasticsearch: true } cause)
        {
            current = cause;
        }

        return current;
    }
}
