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
    private readonly TemplateHandler _templates = new(cluster);
    private readonly LifecycleHandler _lifecycle = new(cluster);
    private readonly IsmHandler _ism = new(cluster);
    private readonly Permissions _permissions = new(options, cluster.Profile);

    private ServerProfile Profile => cluster.Profile;

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
            ["_pit"] when Profile.HasElasticPointInTime() => Endpoint(request, "close_point_in_time", ["DELETE"], () => PointInTimeHandler.CloseElastic(cluster, request)),
            [var index, "_pit"] when Profile.HasElasticPointInTime() => Endpoint(request, "open_point_in_time", ["POST"], () => PointInTimeHandler.OpenElastic(cluster, request, index)),
            ["_search", "point_in_time"] when Profile.HasOpenSearchPointInTime() => Endpoint(request, "delete_pit", ["DELETE"], () => PointInTimeHandler.CloseOpenSearch(cluster, request)),
            [var index, "_search", "point_in_time"] when Profile.HasOpenSearchPointInTime() => Endpoint(request, "create_pit", ["POST"], () => PointInTimeHandler.OpenOpenSearch(cluster, request, index)),
            ["_search", "scroll"] => Endpoint(request, request.Method == "DELETE" ? "clear_scroll" : "scroll", ["DELETE", "GET", "POST"], () =>
                request.Method == "DELETE" ? ScrollHandler.Clear(cluster, request, all: false) : ScrollHandler.Next(cluster, request)),
            ["_search", "scroll", "_all"] => Endpoint(request, "clear_scroll", ["DELETE"], () => ScrollHandler.Clear(cluster, request, all: true)),
            ["_mapping"] => Endpoint(request, "mapping", ["GET"], () => _indices.Mapping(request, null)),
            [var index, "_mapping"] => Endpoint(request, "mapping", ["GET"], () => _indices.Mapping(request, index)),
            ["_settings"] => Endpoint(request, "get_settings", ["GET"], () => _indices.Settings(request, null)),
            [var index, "_settings"] => Endpoint(request, "get_settings", ["GET"], () => _indices.Settings(request, index)),
            ["_refresh"] => Endpoint(request, "refresh", ["GET", "POST"], () => _indices.Refresh(request, null)),
            [var index, "_refresh"] => Endpoint(request, "refresh", ["GET", "POST"], () => _indices.Refresh(request, index)),
            ["_index_template", ..] when !Profile.HasComposableTemplates => NoHandler(request),
            ["_index_template"] => Endpoint(request, "get_index_template", ["GET"], () => _templates.GetComposable(request, null)),
            ["_index_template", "_simulate_index", var index] =>
                Endpoint(request, "simulate_index_template", ["POST"], () => _templates.SimulateIndex(request, index)),
            ["_index_template", "_simulate"] => Endpoint(request, "simulate_template", ["POST"], () => _templates.Simulate(request, null)),
            ["_index_template", "_simulate", var name] => Endpoint(request, "simulate_template", ["POST"], () => _templates.Simulate(request, name)),
            ["_index_template", var name] => Endpoint(request, ComposableEndpoint(request.Method), ["DELETE", "GET", "HEAD", "POST", "PUT"], () => request.Method switch
            {
                "PUT" or "POST" => _templates.PutComposable(request, name),
                "DELETE" => _templates.DeleteComposable(name),
                _ => _templates.GetComposable(request, name),
            }),
            ["_component_template" or "_data_stream", ..] when Profile.HasComposableTemplates =>
                throw new EsErrorException(EsErrors.Unsupported($"[{request.Segments[0]}] (component templates and data stream APIs)")),
            ["_template", ..] when !Profile.HasLegacyTemplates => NotAvailable(request),
            ["_template"] => Endpoint(request, "get_template", ["GET"], () => _templates.GetLegacy(request, null)),
            ["_template", var name] => Endpoint(request, LegacyEndpoint(request.Method), ["DELETE", "GET", "HEAD", "POST", "PUT"], () => request.Method switch
            {
                "PUT" or "POST" => _templates.PutLegacy(request, name),
                "DELETE" => _templates.DeleteLegacy(name),
                _ => _templates.GetLegacy(request, name),
            }),
            ["_ilm", ..] when Profile.IsServerless => NotAvailable(request),
            ["_ilm", ..] when !Profile.HasIlm => NoHandler(request),
            ["_ilm", "policy"] => Endpoint(request, "get_lifecycle", ["GET"], () => _lifecycle.Get(null)),
            ["_ilm", "policy", var name] => Endpoint(request, LifecycleEndpoint(request.Method), ["DELETE", "GET", "PUT"], () => request.Method switch
            {
                "PUT" => _lifecycle.Put(request, name),
                "DELETE" => _lifecycle.Delete(name),
                _ => _lifecycle.Get(name),
            }),
            ["_plugins" or "_opendistro", "_ism", ..] when !Profile.HasIsm => NoHandler(request),
            ["_plugins" or "_opendistro", "_ism", "policies"] => Endpoint(request, "ism_search", ["GET"], _ism.List),
            ["_plugins" or "_opendistro", "_ism", "policies", var id] =>
                Endpoint(request, IsmEndpoint(request.Method), ["DELETE", "GET", "HEAD", "PUT"], () => request.Method switch
                {
                    "PUT" => _ism.Put(request, id),
                    "DELETE" => _ism.Delete(id),
                    _ => _ism.Get(request, id),
                }),
            [var index, "_doc", var id] => Endpoint(request, "get_doc", ["GET", "HEAD"], () => _indices.GetDocument(request, index, id)),
            [var index] => Endpoint(request, IndexEndpoint(request.Method), ["DELETE", "GET", "HEAD", "PUT"], () => Index(request, index)),
            _ => NoHandler(request),
        };

    private static string ComposableEndpoint(string method) => method switch
    {
        "PUT" or "POST" => "put_index_template",
        "DELETE" => "delete_index_template",
        _ => "get_index_template",
    };

    private static string LegacyEndpoint(string method) => method switch
    {
        "PUT" or "POST" => "put_template",
        "DELETE" => "delete_template",
        _ => "get_template",
    };

    private static string LifecycleEndpoint(string method) => method switch
    {
        "PUT" => "put_lifecycle",
        "DELETE" => "delete_lifecycle",
        _ => "get_lifecycle",
    };

    private static string IsmEndpoint(string method) => method switch
    {
        "PUT" => "ism_put",
        "DELETE" => "ism_delete",
        _ => "ism_get",
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

        // Writes are authorized per index, so a user who may not write gets a 403 for every item.
        if (_permissions.Forbids(request))
        {
            var denied = _permissions.BulkItemDenied();
            faultRule = _ => denied;
        }

        return EsResponse.Ok(new BulkExecutor(cluster, faultRule, itemRule, forcedRefresh).Execute(operations));
    }

    private EsResponse Endpoint(EsRequest request, string endpoint, string[] methods, Func<EsResponse> handler)
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

        RequestParameters.Check(endpoint, request, Profile.IsOpenSearch);

        // Security checks the transport action after the REST layer accepted the request.
        if (endpoint != "bulk" && _permissions.Check(request, endpoint) is { } denied)
        {
            return request.Method == "HEAD" ? EsResponse.Empty(denied.Status) : EsResponse.Error(denied);
        }

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

    // Serverless keeps the route but refuses it.
    private static EsResponse NotAvailable(EsRequest request) =>
        EsResponse.Error(new EsError(410, "api_not_available_exception",
            $"Request for uri [{request.Uri}] with method [{request.Method}] exists but is not available when running in serverless mode"));

    private static EsResponse NoHandler(EsRequest request) =>
        EsResponse.SimpleError(400, $"no handler found for uri [{request.Uri}] and method [{request.Method}]");
}
