using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>The errors Elasticsearch gives, with its types and wording.</summary>
internal static partial class EsErrors
{
    public static EsError IllegalArgument(string reason) => new(400, "illegal_argument_exception", reason);

    /// <summary>A JDK or Jackson exception used as a <c>caused_by</c>.</summary>
    public static EsError Cause(string type, string reason) => new(400, type, reason) { FromElasticsearch = false };

    public static EsError Validation(IEnumerable<string> errors) =>
        new(400, "action_request_validation_exception",
            "Validation Failed: " + string.Concat(errors.Select((e, i) => $"{i + 1}: {e};")));

    public static EsError BodyRequired() => new(400, "parse_exception", "request body is required");

    /// <summary>A JSON syntax error, as Jackson's exception wrapped in x_content_parse_exception.</summary>
    public static EsError XContentParse(JsonException exception)
    {
        var column = (exception.BytePositionInLine ?? 0) + 1;
        var message = JsonMessage(exception);
        return new EsError(400, "x_content_parse_exception", $"[1:{column}] {message}")
        {
            CausedBy = Cause("json_parse_exception",
                $"{message}\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: {column}]"),
        };
    }

    public static EsError IndexNotFound(string index) =>
        new EsError(404, "index_not_found_exception", $"no such index [{index}]")
            .With("resource.type", "index_or_alias")
            .With("resource.id", index)
            .With("index_uuid", "_na_")
            .With("index", index);

    public static EsError InvalidIndexName(string index, string description) =>
        new EsError(400, "invalid_index_name_exception", $"Invalid index name [{index}], {description}")
            .With("index_uuid", "_na_")
            .With("index", index);

    public static EsError Parsing(string reason) => new(400, "parsing_exception", reason);

    /// <summary>Something real Elasticsearch does that the fake does not; says so rather than pretending.</summary>
    public static EsError Unsupported(string what) =>
        IllegalArgument($"FakeElasticsearch does not support {what}");

    public static EsError UnrecognizedParameters(string path, IReadOnlyList<string> names) =>
        IllegalArgument(names.Count == 1
            ? $"request [{path}] contains unrecognized parameter: [{names[0]}]"
            : $"request [{path}] contains unrecognized parameters: {string.Join(", ", names.Select(n => $"[{n}]"))}");

    /// <summary>A search failing on its shard: search_phase_execution_exception, with the shard's cause as root cause.</summary>
    public static EsError SearchPhaseFailure(string? index, EsError cause)
    {
        var failure = new JsonObject
        {
            ["shard"] = 0,
            ["index"] = index,
            ["node"] = "fake-node",
            ["reason"] = cause.ToXContent(),
        };
        return new EsError(400, "search_phase_execution_exception", "all shards failed")
        {
            CausedBy = cause,
            RootCauseOverride = cause,
        }
            .With("phase", "query")
            .With("grouped", true)
            .With("failed_shards", new JsonArray(failure));
    }

    /// <summary>System.Text.Json's message without its position suffix (ES puts the position in front).</summary>
    public static string JsonMessage(JsonException exception) =>
        PositionSuffix().Replace(exception.Message, string.Empty);

    [GeneratedRegex(@"\s*(Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?$")]
    private static partial Regex PositionSuffix();
}
