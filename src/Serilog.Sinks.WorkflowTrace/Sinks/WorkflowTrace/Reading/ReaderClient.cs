using System.Text;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Bootstrap;
using Serilog.Sinks.WorkflowTrace.Transport;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// The reader's side of the shared transport: sends one request and turns every failure into the reader's distinct
/// exceptions (cluster unreachable, timeout, 401/403, missing index, any other refusal), so the callers above only
/// see answers that succeeded. It learns the server's kind and version once, from <c>GET /</c>.
/// </summary>
sealed class ReaderClient : IDisposable
{
    /// <summary>The most a page of search hits may hold: a thousand entries with long stack traces fit well within it.</summary>
    public const int MaxPageAnswerBytes = 256 * 1024 * 1024;

    readonly IElasticsearchTransport _transport;
    readonly SemaphoreSlim _serverLock = new(1, 1);
    ServerInfo? _server;

    public ReaderClient(IElasticsearchTransport transport, IReadOnlyList<Uri> nodes, TimeSpan timeout)
    {
        _transport = transport;
        Nodes = nodes.Select(WithoutCredentials).ToArray();
        Timeout = timeout;
    }

    /// <summary>The cluster's nodes as configured, without credentials: for messages.</summary>
    public IReadOnlyList<Uri> Nodes { get; }

    /// <summary>The timeout of one request.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The server's kind and version, asked once.</summary>
    public async Task<ServerInfo> ServerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _server) is { } known)
            return known;
        await _serverLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_server is null)
            {
                var root = await SendAsync(HttpMethod.Get, "", default, "reading the cluster's version", null, cancellationToken).ConfigureAwait(false);
                _server = ServerInfo.Parse(root.Body);
            }
            return _server;
        }
        finally
        {
            _serverLock.Release();
        }
    }

    /// <summary>Sends a JSON body built as UTF-8 text.</summary>
    public Task<TransportResponse> SendJsonAsync(HttpMethod method, string path, string? json, string operation, string? index, CancellationToken cancellationToken,
        string? privileges = null) =>
        SendAsync(method, path, json is null ? default : Encoding.UTF8.GetBytes(json), operation, index, cancellationToken, privileges: privileges);

    /// <summary>
    /// Sends a request; returns its answer when it succeeded (2xx), else throws the exception that says why.
    /// <paramref name="operation"/> says what was being done ("searching run X"), <paramref name="index"/> which
    /// index or pattern it read (for a missing index), <paramref name="privileges"/> what the operation needs when it
    /// is more than reading (a 403 names it).
    /// </summary>
    public async Task<TransportResponse> SendAsync(HttpMethod method, string path, ReadOnlyMemory<byte> body, string operation, string? index,
        CancellationToken cancellationToken, int? maxAnswerBytes = null, string? privileges = null)
    {
        var request = new TransportRequest(method, path, body, body.IsEmpty && method == HttpMethod.Get ? null : "application/json", MaxAnswerBytes: maxAnswerBytes);
        TransportResponse response;
        try
        {
            response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (TransportException ex) when (IsTimeout(ex))
        {
            throw new TraceSearchTimeoutException(Capitalised(operation), Timeout, ex);
        }
        catch (TransportException ex)
        {
            throw new TraceClusterUnreachableException(Nodes, ex);
        }

        if (response.IsSuccess)
            return response;
        throw Failure(response, operation, index, privileges);
    }

    /// <summary>The exception for an answer that did not succeed.</summary>
    public TraceReadException Failure(TransportResponse response, string operation, string? index, string? privileges = null)
    {
        var (type, reason) = ErrorOf(response.Body);
        return response.StatusCode switch
        {
            401 or 403 => new TraceAccessDeniedException(response.StatusCode, operation, reason, privileges ?? TraceAccessDeniedException.RequiredPrivileges),
            404 when type is "index_not_found_exception" && index is not null => new TraceIndexMissingException(index),
            408 or 504 => new TraceSearchTimeoutException(Capitalised(operation), Timeout),
            _ => new TraceReadException(
                $"Elasticsearch answered {response.StatusCode} to {operation}" + (type is null ? "." : $": {type}: {reason}"),
                response.StatusCode),
        };
    }

    /// <summary>
    /// The <c>error.type</c> and <c>error.reason</c> of an Elasticsearch error body, when it has them; nulls for a
    /// body of any other shape (a proxy's, a truncated one), never an exception.
    /// </summary>
    public static (string? Type, string? Reason) ErrorOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error))
                return (null, null);
            if (error.ValueKind == JsonValueKind.String)
                return (null, error.GetString());
            if (error.ValueKind != JsonValueKind.Object)
                return (null, null);
            var type = StringOf(error, "type");
            var reason = StringOf(error, "reason");
            if (type is "search_phase_execution_exception" && error.TryGetProperty("root_cause", out var causes) && causes.ValueKind == JsonValueKind.Array
                && causes.GetArrayLength() > 0 && causes[0].ValueKind == JsonValueKind.Object && StringOf(causes[0], "type") is { } rootType)
            {
                type = rootType;
                reason = StringOf(causes[0], "reason") ?? reason;
            }
            return (type, reason);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    static bool IsTimeout(Exception ex)
    {
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is OperationCanceledException or TimeoutException)
                return true;
        }
        return false;
    }

    static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    static Uri WithoutCredentials(Uri uri) =>
        string.IsNullOrEmpty(uri.UserInfo) ? uri : new UriBuilder(uri) { UserName = "", Password = "" }.Uri;

    public void Dispose()
    {
        _transport.Dispose();
        _serverLock.Dispose();
    }
}
