using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>
/// Sends requests over one <see cref="HttpClient"/> with pooled, periodically recycled connections (so DNS
/// changes are seen), taking the configured hosts in turn. Authentication and TLS come from the settings.
/// </summary>
sealed class HttpElasticsearchTransport : IElasticsearchTransport
{
    readonly HttpClient _client;
    readonly IReadOnlyList<Uri> _nodes;
    readonly TimeSpan _timeout;
    readonly AuthenticationHeaderValue? _authorization;
    readonly bool _compress;
    int _next = -1;

    public HttpElasticsearchTransport(WorkflowTraceSettings settings, HttpMessageHandler? handler = null)
    {
        _nodes = settings.Hosts;
        _timeout = settings.Timeout;
        _authorization = CreateAuthorization(settings);
        _compress = settings.CompressRequests;
        _client = new HttpClient(handler ?? CreateHandler(settings), disposeHandler: true)
        {
            // Each request carries its own timeout (below), so that a timeout is told apart from a cancellation.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Serilog.Sinks.WorkflowTrace", typeof(HttpElasticsearchTransport).Assembly.GetName().Version?.ToString(3) ?? "0"));
    }

    static SocketsHttpHandler CreateHandler(WorkflowTraceSettings settings)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = settings.Timeout < TimeSpan.FromSeconds(10) ? settings.Timeout : TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseCookies = false,
            UseProxy = false,
        };
        var validation = CertificateValidation.Create(settings);
        if (validation is not null)
            handler.SslOptions.RemoteCertificateValidationCallback = validation;
        return handler;
    }

    static AuthenticationHeaderValue? CreateAuthorization(WorkflowTraceSettings settings)
    {
        if (settings.ApiKey is { } apiKey)
        {
            // "id:key" is encoded here; a key already encoded (as Elasticsearch hands it out) is sent as it is.
            var encoded = apiKey.Contains(':') ? Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey)) : apiKey;
            return new AuthenticationHeaderValue("ApiKey", encoded);
        }

        if (settings.Username is { } username && settings.Password is { } password)
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

        return null;
    }

    public async Task<TransportResponse> SendAsync(TransportRequest request, CancellationToken cancellationToken)
    {
        var node = _nodes[(int)((uint)Interlocked.Increment(ref _next) % (uint)_nodes.Count)];
        using var message = new HttpRequestMessage(request.Method, new Uri(node, request.PathAndQuery));
        if (_authorization is not null)
            message.Headers.Authorization = _authorization;
        if (!request.Body.IsEmpty || request.ContentType is not null)
        {
            message.Content = _compress && !request.Body.IsEmpty ? Compressed(request.Body) : new ReadOnlyMemoryContent(request.Body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType ?? "application/json");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            return new TransportResponse((int)response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, node);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransportException(node, $"no response within the timeout of {_timeout.TotalSeconds:0.###} s", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new TransportException(node, ex.Message, ex);
        }
    }

    static ByteArrayContent Compressed(ReadOnlyMemory<byte> body)
    {
        var compressed = new MemoryStream(body.Length / 4 + 64);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(body.Span);
        var content = new ByteArrayContent(compressed.GetBuffer(), 0, (int)compressed.Length);
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    public void Dispose() => _client.Dispose();
}
