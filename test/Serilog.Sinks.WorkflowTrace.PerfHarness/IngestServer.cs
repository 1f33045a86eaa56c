using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// A loopback receiver for both sinks, run in its own process so its work and memory are not counted against
/// the client: Elasticsearch's <c>_bulk</c> (answered item by item, as Elasticsearch does) and Seq's raw CLEF
/// ingestion. It counts events and the bytes that crossed the wire.
/// </summary>
static class IngestServer
{
    static long _events;
    static long _wireBytes;
    static long _requests;
    static readonly byte[] ItemBytes = "{\"create\":{\"status\":201}}"u8.ToArray();

    const string Root = """{"name":"perf","cluster_name":"perf","version":{"number":"9.1.0","build_flavor":"default"},"tagline":"You Know, for Search"}""";

    public static async Task<int> RunAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = null;
            k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"LISTENING {url}");
        Console.Out.Flush();
        // Runs until the orchestrator closes standard input.
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }

    static async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path == "/stats")
        {
            await context.Response.WriteAsync($"{Interlocked.Read(ref _events)} {Interlocked.Read(ref _wireBytes)} {Interlocked.Read(ref _requests)}");
            return;
        }
        if (path == "/reset")
        {
            Interlocked.Exchange(ref _events, 0);
            Interlocked.Exchange(ref _wireBytes, 0);
            Interlocked.Exchange(ref _requests, 0);
            return;
        }
        if (path == "/" && context.Request.Method is "GET" or "HEAD")
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers["X-Elastic-Product"] = "Elasticsearch";
            await context.Response.WriteAsync(Root);
            return;
        }

        var (lines, wire) = await CountLinesAsync(context.Request);
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _wireBytes, wire);

        if (path.EndsWith("/_bulk", StringComparison.Ordinal))
        {
            var documents = lines / 2;
            Interlocked.Add(ref _events, documents);
            context.Response.ContentType = "application/json";
            var body = new MemoryStream((int)(32 + documents * (ItemBytes.Length + 1)));
            body.Write("{\"errors\":false,\"items\":["u8);
            for (var i = 0; i < documents; i++)
            {
                if (i > 0) body.WriteByte((byte)',');
                body.Write(ItemBytes);
            }
            body.Write("]}"u8);
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length));
            return;
        }

        if (!path.Contains("/ingest/clef", StringComparison.Ordinal) && !path.Contains("/api/events/raw", StringComparison.Ordinal))
        {
            // Anything else is the sink's index bootstrap (templates, policies): answered as Elasticsearch does,
            // and not counted as events.
            context.Response.ContentType = "application/json";
            if (context.Request.Method is "GET" or "HEAD")
            {
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("{}");
            }
            else
            {
                await context.Response.WriteAsync("{\"acknowledged\":true}");
            }
            return;
        }

        // Seq: POST /ingest/clef (or /api/events/raw?clef) — one event per line.
        Interlocked.Add(ref _events, lines);
        context.Response.StatusCode = 201;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"MinimumLevelAccepted\":null}");
    }

    static async Task<(long Lines, long WireBytes)> CountLinesAsync(HttpRequest request)
    {
        var wire = new CountingStream(request.Body);
        Stream body = wire;
        if (request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
            body = new GZipStream(wire, CompressionMode.Decompress);
        var buffer = new byte[64 * 1024];
        long lines = 0;
        var last = (byte)'\n';
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
        }
        if (last != (byte)'\n')
            lines++;
        return (lines, wire.BytesRead);
    }

    sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) { var n = inner.Read(buffer, offset, count); BytesRead += n; return n; }
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        { var n = await inner.ReadAsync(buffer, cancellationToken); BytesRead += n; return n; }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
