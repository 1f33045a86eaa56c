using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Writes an <see cref="EsResponse"/>: filter_path, pretty, gzip when accepted, Elasticsearch's headers.</summary>
internal static class ResponseWriter
{
    // Elasticsearch escapes only what JSON requires.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    /// <summary>Writes the answer; with <paramref name="cutBody"/> only the first half of a body, then the connection is closed.</summary>
    public static async Task WriteAsync(HttpContext context, EsResponse response, EsRequest? request, bool productHeader, bool cutBody = false)
    {
        var http = context.Response;
        http.StatusCode = response.Status;

        // Elasticsearch 7.14+ names itself on every answer; older versions and OpenSearch do not.
        if (response.FromElasticsearch && productHeader)
        {
            http.Headers["X-elastic-product"] = "Elasticsearch";
        }

        if (response.FromElasticsearch)
        {
            if (context.Request.Headers.TryGetValue("X-Opaque-Id", out var opaqueId))
            {
                http.Headers["X-Opaque-Id"] = opaqueId;
            }
        }

        foreach (var (name, value) in response.Headers)
        {
            http.Headers.Append(name, value);
        }

        byte[] payload;
        if (response.Json is { } json)
        {
            // Like Elasticsearch (AbstractRestChannel.newErrorBuilder), error responses are never filtered.
            if (response.Status < 400 && request?.Param("filter_path") is { Length: > 0 } filterPath)
            {
                json = FilterPath.Apply(json, filterPath);
            }

            payload = JsonSerializer.SerializeToUtf8Bytes(json, request?.Flag("pretty") == true ? Indented : Compact);
            http.ContentType = "application/json";
        }
        else
        {
            payload = response.Raw ?? [];
            if (response.ContentType is not null)
            {
                http.ContentType = response.ContentType;
            }
        }

        if (HttpMethods.IsHead(context.Request.Method))
        {
            http.ContentLength = 0;
            return;
        }

        if (payload.Length > 0 && context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            payload = Gzip(payload);
            http.Headers.ContentEncoding = "gzip";
        }

        http.ContentLength = payload.Length;
        if (cutBody && payload.Length > 0)
        {
            await WriteHalfAsync(context, payload);
            return;
        }

        await http.Body.WriteAsync(payload, context.RequestAborted);
    }

    private static async Task WriteHalfAsync(HttpContext context, byte[] payload)
    {
        var half = payload.Length / 2;
        if (half == 0)
        {
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
            return;
        }

        // Ending the handler short of Content-Length makes Kestrel close the connection once what was written has been
        // sent; aborting instead could drop the written part before it leaves.
        await context.Response.Body.WriteAsync(payload.AsMemory(0, half), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static byte[] Gzip(byte[] payload)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(payload);
        }

        return output.ToArray();
    }
}
