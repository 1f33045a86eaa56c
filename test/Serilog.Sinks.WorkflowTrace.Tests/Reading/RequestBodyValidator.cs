using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// Maps each request the reader sends to its endpoint in Elastic's specification and validates its body against that
/// endpoint's request-body schema (<see cref="ReaderRequestSchemas"/>). A body sent where the specification defines none
/// is an error; OpenSearch's point-in-time API, absent from Elastic's specification, is left to the loopback server.
/// </summary>
static class RequestBodyValidator
{
    /// <summary>OpenSearch's point-in-time endpoints (2.4+): not in Elastic's specification.</summary>
    public const string OpenSearchPointInTime = "opensearch.point_in_time";

    /// <summary>The specification's endpoint of a request that may carry a body, or null for one that never does.</summary>
    public static string? EndpointOf(RecordedRequest request)
    {
        var segments = request.Path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return (request.Method, segments) switch
        {
            ("POST", [_, "_pit"]) => "open_point_in_time",
            ("DELETE", ["_pit"]) => "close_point_in_time",
            ("GET" or "POST", ["_search", "scroll", ..]) => "scroll",
            ("DELETE", ["_search", "scroll", ..]) => "clear_scroll",
            ("POST" or "DELETE", [.., "_search", "point_in_time"] or [.., "_search", "point_in_time", _]) => OpenSearchPointInTime,
            ("GET" or "POST", [.., "_search"]) => "search",
            ("GET" or "POST", [.., "_count"]) => "count",
            ("PUT", [_, "_settings"]) => "indices.put_settings",
            _ => null,
        };
    }

    public static async Task<CheckedRequest> CheckAsync(RecordedRequest request)
    {
        var endpoint = EndpointOf(request);
        if (request.Body.Length == 0 || endpoint == OpenSearchPointInTime)
            return new CheckedRequest(request, endpoint, []);
        if (endpoint is null)
            return new CheckedRequest(request, null, ["a body was sent to an endpoint whose specification defines none"]);

        var schema = await ReaderRequestSchemas.LoadAsync(endpoint);
        var errors = schema.Validate(request.BodyText).Select(e => e.ToString()).ToList();
        return new CheckedRequest(request, endpoint, errors);
    }

    public static async Task<IReadOnlyList<CheckedRequest>> CheckAllAsync(IEnumerable<RecordedRequest> requests)
    {
        var checkedRequests = new List<CheckedRequest>();
        foreach (var request in requests)
            checkedRequests.Add(await CheckAsync(request));
        return checkedRequests;
    }

    /// <summary>Validates <paramref name="json"/> as the body of <paramref name="endpoint"/>; the schema's findings.</summary>
    public static async Task<IReadOnlyList<string>> ErrorsAsync(string endpoint, string json) =>
        (await ReaderRequestSchemas.LoadAsync(endpoint)).Validate(json).Select(e => e.ToString()).ToList();
}
