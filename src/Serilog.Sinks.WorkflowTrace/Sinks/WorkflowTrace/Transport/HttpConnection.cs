using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>
/// Sends one request to one given node over a shared <see cref="HttpClient"/> with pooled, periodically recycled
/// connections (so DNS changes are seen). Authentication, TLS and compression come from the settings; which node
/// to use is the <see cref="NodePoolTransport"/>'s choice.
/// </summary>
sealed class HttpConnection : IDisposable
{
    readonly HttpClient _client;
    readonly AuthenticationHeaderValue? _authorization;
    readonly bool _compress;
    readonly bool _hasClientCertificate;

    /// <summary>Reused for gzip output, one request at a time, so compression allocates no body-sized buffer per request.</summary>
    MemoryStream? _compressionBuffer;
    const int LargestKeptCompressionBuffer = 16 * 1024 * 1024;

    public HttpConnection(WorkflowTraceSettings settings, HttpMessageHandler? handler = null)
    {
        _authorization = CreateAuthorization(settings);
        CleartextCredentialsWarning.WriteIfNeeded(settings);
        _compress = settings.CompressRequests;
        _hasClientCertificate = settings.ClientCertificate is not null;
        _client = new HttpClient(handler ?? CreateHandler(settings), disposeHandler: true)
        {
            // Each request carries its own timeout, so that a timeout is told apart from a cancellation.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Serilog.Sinks.WorkflowTrace", typeof(HttpConnection).Assembly.GetName().Version?.ToString(3) ?? "0"));
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
        if (settings.ClientCertificate is { } clientCertificate)
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { clientCertificate };
        return handler;
    }

    static AuthenticationHeaderValue? CreateAuthorization(WorkflowTraceSettings settings)
    {
        if (settings.BearerToken is { } token)
            return new AuthenticationHeaderValue("Bearer", token);

        if (settings.ApiKey is { } apiKey)
        {
            // An id given apart, or "id:key", is encoded here; a key already encoded (as Elasticsearch hands it
            // out) is sent as it is.
            if (settings.ApiKeyId is { } id)
                return new AuthenticationHeaderValue("ApiKey", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{apiKey}")));
            var encoded = apiKey.Contains(':') ? Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey)) : apiKey;
            return new AuthenticationHeaderValue("ApiKey", encoded);
        }

        if (settings.Username is { } username && settings.Password is { } password)
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

        return null;
    }

    /// <summary>
    /// Sends <paramref name="request"/> to <paramref name="node"/> and returns whatever status it answered with.
    /// Throws <see cref="TransportException"/> when no (complete) answer came: connection refused or dropped, TLS
    /// failure, timeout.
    /// </summary>
    public async Task<TransportResponse> SendAsync(Uri node, TransportRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, new Uri(node, request.PathAndQuery));
        if (_authorization is not null)
            message.Headers.Authorization = _authorization;
        MemoryStream? compressed = null;
        if (!request.Body.IsEmpty || request.ContentType is not null)
        {
            if (_compress && !request.Body.IsEmpty)
            {
                compressed = Interlocked.Exchange(ref _compressionBuffer, null) ?? new MemoryStream(request.Body.Length / 4 + 64);
                message.Content = Compress(request.Body, compressed);
            }
            else
            {
                message.Content = new ReadOnlyMemoryContent(request.Body);
            }
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType ?? "application/json");
        }

        try
        {
            return await SendAsync(node, message, ResponseBodyReader.SuccessCap(request), timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (compressed is not null && compressed.Capacity <= LargestKeptCompressionBuffer)
            {
                compressed.SetLength(0);
                Volatile.Write(ref _compressionBuffer, compressed);
            }
        }
    }

    async Task<TransportResponse> SendAsync(Uri node, HttpRequestMessage message, int successCap, TimeSpan timeout, CancellationToken cancellationToken)
    {

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            // Headers first, then the body read with a cap: a server cannot make the sink buffer an answer of any size.
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var success = status is >= 200 and < 300;
            var cap = success ? successCap : ResponseBodyReader.ErrorBodyBytes;
            var (body, complete) = await ResponseBodyReader.ReadAsync(response.Content, cap, timeoutSource.Token).ConfigureAwait(false);
            if (!complete && success)
                throw new TransportException(node, $"no usable answer: status {status} with a body over {cap} bytes, more than the answer to this request can need (left unread)", null);
            var wireBytes = message.Content?.Headers.ContentLength ?? 0;
            return new TransportResponse(status, body, response.Content.Headers.ContentType?.MediaType, node) { RequestWireBytes = wireBytes };
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransportException(node, $"no response within the timeout of {timeout.TotalSeconds:0.###} s", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new TransportException(node, Describe(ex) + ClientCertificateHint(node, ex), ex);
        }
        catch (IOException ex)
        {
            throw new TransportException(node, "the connection broke while reading the response: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// With TLS 1.3 a server that requires a client certificate closes the connection after the handshake, which
    /// reads as nothing more than "the response ended prematurely": say what may be missing.
    /// </summary>
    string ClientCertificateHint(Uri node, HttpRequestException ex) =>
        node.Scheme == Uri.UriSchemeHttps && !_hasClientCertificate && ex.HttpRequestError == HttpRequestError.ResponseEnded
            ? " (if the server requires a TLS client certificate, set clientCertificatePath)"
            : "";

    static string Describe(HttpRequestException ex) =>
        ex.InnerException is { } inner && !ex.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{ex.Message} ({inner.Message})"
            : ex.Message;

    static ByteArrayContent Compress(ReadOnlyMemory<byte> body, MemoryStream compressed)
    {
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(body.Span);
        var content = new ByteArrayContent(compressed.GetBuffer(), 0, (int)compressed.Length);
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    public void Dispose() => _client.Dispose();
}
