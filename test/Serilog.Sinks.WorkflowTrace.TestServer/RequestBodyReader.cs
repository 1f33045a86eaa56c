using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Reads a request body with Elasticsearch's size limit and decompression.</summary>
internal static class RequestBodyReader
{
    public static async Task<RequestBody> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        // Like Netty's aggregator: a declared length over the limit is refused without reading.
        if (request.ContentLength is { } declared && declared > maxBytes)
        {
            return new RequestBody([], declared, TooLarge: true, DecodeError: null);
        }

        var wire = await ReadLimitedAsync(request.Body, maxBytes, cancellationToken);
        if (wire is null)
        {
            return new RequestBody([], maxBytes + 1L, TooLarge: true, DecodeError: null);
        }

        var encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        Func<Stream, Stream>? decoder = encoding switch
        {
            "gzip" or "x-gzip" => s => new GZipStream(s, CompressionMode.Decompress),
            "deflate" or "x-deflate" => s => new ZLibStream(s, CompressionMode.Decompress),

            // Encodings Elasticsearch does not decode reach the handlers as they are, and fail there.
            _ => null,
        };
        if (decoder is null || wire.Length == 0)
        {
            return new RequestBody(wire, wire.Length, TooLarge: false, DecodeError: null);
        }

        try
        {
            // The limit applies after decompression too: Elasticsearch aggregates the decoded content.
            await using var decoded = decoder(new MemoryStream(wire));
            var body = await ReadLimitedAsync(decoded, maxBytes, cancellationToken);
            return new RequestBody(body ?? [], wire.Length, TooLarge: body is null, DecodeError: null);
        }
        catch (InvalidDataException exception)
        {
            return new RequestBody([], wire.Length, TooLarge: false, DecodeError: exception.Message);
        }
    }

    // Null when the stream holds more than maxBytes.
    private static async Task<byte[]?> ReadLimitedAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }
}
