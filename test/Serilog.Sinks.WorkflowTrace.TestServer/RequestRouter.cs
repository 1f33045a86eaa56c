using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Maps paths to handlers with Elasticsearch's checks in its order: unknown path (400 "no handler found"),
/// wrong method (405), bad content type (406), unknown query parameter (400), then the handler.
/// </summary>
internal sealed class RequestRouter(FakeCluster cluster, FakeElasticsearchOptions options)
{
    private static readonly string[] BodyContentTypes = ["application/json", "application/x-ndjson"];

    private readonly IndexHandler _indices = new(cluster);

    public EsResponse Dispatch(EsRequest request, Func<BulkItemContext, ItemError?>? faultRule, Func<BulkItemContext, ItemError?>? itemRule) =>
        request.Segments switch
        {
            [] => Endpoint(request, "root", ["GET", "HEAD"], () => Root(request)),
            ["_bulk"] => Endpoint(request, "bulk", ["POST", "PUT"], () => Bulk(request, null, faultRule, itemRule)),
            [var index, "_bulk"] => Endpoint(request, "bulk", ["POST", "PUT"], () => Bulk(request, index, faultRule, itemRule)),
            ["_search"] => Endpoint(request, "search", ["GET", "POST"], () => SearchHandler.Search(cluster, request, null)),
            [var index, "_search"] => Endpoint(request, "search", ["GET", "POST"], () => SearchHandler.Search(cluster, request, index)),
            ["_count"] => Endpoint(request, "count", ["GET", "POST"], () => SearchHandler.Count(cluster, request, null)),
            [var index, "_count"] => Endpoint(request, "count", ["GET", "POST"], () => SearchHandler.Count(cluster, request, index)),
            ["_mapping"] => Endpoint(request, "mapping", ["GET"], () => _indices.Mapping(request, null)),
            [var index, "_mapping"] => Endpoint(request, "mapping", ["GET"], () => _indices.Mapping(request, index)),
            ["_refresh"] => Endpoint(request, "refresh", ["GET", "POST"], () => _indices.Refresh(request, null)),
            [var index, "_refresh"] => Endpoint(request, "refresh", ["GET", "POST"], () => _indices.Refresh(request, index)),
            [var index, "_doc", var id] => Endpoint(request, "get_doc", ["GET", "HEAD"], () => _indices.GetDocument(request, index, id)),
            [var index] => Endpoint(request, IndexEndpoint(request.Method), ["DELETE", "GET", "HEAD", "PUT"], () => Index(request, index)),
            _ => NoHandler(request),
        };

    private EsResponse Index(EsRequest request, string index) => request.Method switch
    {
        "PUT" => _indices.Create(request, index),
        "DELETE" => _indices.Delete(index),
        _ => _indices.Get(request, index),
    };

    private static string IndexEndpoint(string method) => method switch
    {
        "PUT" => "create_index",
        "DELETE" => "delete_index",
        _ => "get_index",
    };

    private EsResponse Root(EsRequest request)
    {
        if (request.Method == "HEAD")
        {
            return EsResponse.Empty(200);
        }

        try
        {
            return EsResponse.Ok(JsonNode.Parse(options.RootResponseJson)!);
        }
        catch (JsonException)
        {
            // A deliberately broken root body is sent as given.
            return EsResponse.RawBody(200, Encoding.UTF8.GetBytes(options.RootResponseJson), "application/json", fromElasticsearch: true);
        }
    }

    private EsResponse Bulk(
        EsRequest request, string? index, Func<BulkItemContext, ItemError?>? faultRule, Func<BulkItemContext, ItemError?>? itemRule)
    {
        if (request.Body.Length == 0)
        {
            throw new EsErrorException(EsErrors.BodyRequired());
        }

        var requireAlias = request.Param("require_alias") is "" or "true";
        var operations = BulkRequestParser.Parse(request.Body, index, request.Param("pipeline"), requireAlias);
        BulkRequestParser.Validate(operations);
        var forcedRefresh = request.Param("refresh") is "" or "true";
        return EsResponse.Ok(new BulkExecutor(cluster, faultRule, itemRule, forcedRefresh).Execute(operations));
    }

    private static EsResponse Endpoint(EsRequest request, string endpoint, string[] methods, Func<EsResponse> handler)
    {
        if (!methods.Contains(request.Method))
        {
            var response = EsResponse.SimpleError(405,
                $"Incorrect HTTP method for uri [{request.Uri}] and method [{request.Method}], allowed: [{string.Join(", ", methods)}]");
            response.Headers.Add(new("Allow", string.Join(",", methods)));
            return response;
        }

        if (ContentTypeProblem(request) is { } problem)
        {
            return EsResponse.SimpleError(406, problem);
        }

        RequestParameters.Check(endpoint, request);
        return handler();
    }

    // Only requests with a body need a content type; Elasticsearch checks it before the handler runs.
    private static string? ContentTypeProblem(EsRequest request)
    {
        if (request.Body.Length == 0)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(request.ContentType))
        {
            return "Content-Type header is missing";
        }

        var parts = request.ContentType.Split(';');
        var valid = BodyContentTypes.Contains(parts[0].Trim().ToLowerInvariant())
            && parts.Skip(1).All(p => p.Split('=') is [var key, var value]
                && key.Trim().Equals("charset", StringComparison.OrdinalIgnoreCase)
                && value.Trim().Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase));
        return valid ? null : $"Content-Type header [{request.ContentType}] is not supported";
    }

    private static EsResponse NoHandler(EsRequest request) =>
        EsResponse.SimpleError(400, $"no handler found for uri [{request.Uri}] and method [{request.Method}]");
}
