using System.Text;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>The answers of <see cref="FaultQueue.FailWithStatus"/>: the given body, or what each status usually carries.</summary>
internal static class FaultResponses
{
    private const string ProxyPage =
        "<html>\r\n<head><title>{0} {1}</title></head>\r\n<body>\r\n<center><h1>{0} {1}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    public static EsResponse For(Fault fault, EsRequest request)
    {
        if (fault.Body is not null)
        {
            var json = fault.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase);
            return EsResponse.RawBody(fault.Status, Encoding.UTF8.GetBytes(fault.Body), fault.ContentType, fromElasticsearch: json);
        }

        var index = request.Segments is [var first, ..] && !first.StartsWith('_') ? first : "logs";
        return fault.Status switch
        {
            413 => EsResponse.Empty(413),

            // Elasticsearch never answers 502 or 504 itself; a proxy in front of it does, in HTML.
            502 => Proxy(502, "Bad Gateway"),
            504 => Proxy(504, "Gateway Time-out"),
            _ => EsResponse.Error(Error(fault.Status, request, index)),
        };
    }

    private static EsError Error(int status, EsRequest request, string index) => status switch
    {
        400 => EsErrors.IllegalArgument("injected fault"),
        401 => new EsError(401, "security_exception", $"unable to authenticate user [elastic] for REST request [{request.Uri}]")
        {
            Headers = [new("WWW-Authenticate", "Basic realm=\"security\" charset=\"UTF-8\""), new("WWW-Authenticate", "ApiKey")],
        },
        403 => new EsError(403, "security_exception",
            $"action [indices:data/write/bulk] is unauthorized for user [elastic] with effective roles [viewer] on indices [{index}], " +
            "this action is granted by the index privileges [create_doc,create,delete,index,write,all]"),
        404 => EsErrors.IndexNotFound(index),
        429 => new EsError(429, "es_rejected_execution_exception",
            "rejected execution of coordinating operation [coordinating_and_primary_bytes=0, replica_bytes=0, all_bytes=0, " +
            "coordinating_operation_bytes=4096, max_coordinating_and_primary_bytes=53687091]"),
        503 => new EsError(503, "unavailable_shards_exception",
            $"[{index}][0] primary shard is not active Timeout: [1m], request: [BulkShardRequest [[{index}][0]] containing [1] requests]"),
        _ => new EsError(status, "exception", $"injected fault: HTTP {status}"),
    };

    private static EsResponse Proxy(int status, string text) =>
        EsResponse.RawBody(status, Encoding.UTF8.GetBytes(string.Format(ProxyPage, status, text)), "text/html", fromElasticsearch: false);
}
