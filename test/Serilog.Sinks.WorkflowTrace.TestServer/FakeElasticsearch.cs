using Microsoft.AspNetCore.Http;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// A loopback HTTP server that answers like a single-node Elasticsearch for what a log sink does: <c>GET /</c>,
/// <c>_bulk</c>, index templates (composable and legacy), lifecycle policies (ILM, or OpenSearch's ISM), and reading
/// back with <c>_search</c>, <c>_count</c>, <c>_mapping</c>, <c>_settings</c>. Which product and version it plays
/// (Elasticsearch 7–9, serverless, OpenSearch) follows <see cref="FakeElasticsearchOptions.RootResponseJson"/>
/// (see <see cref="RootResponses"/>). It refuses what that server refuses (malformed bodies, mapping conflicts, bad
/// names, unknown parameters, keyword terms over Lucene's 32,766 bytes, APIs it does not have) and can inject faults. Every request is recorded. It can be
/// stopped and restarted on the same port like a node that dies and comes back, and several can share one cluster's
/// state as nodes of a <see cref="FakeElasticsearchCluster"/>.
/// </summary>
public sealed class FakeElasticsearch : IAsyncDisposable
{
    // How long open requests may finish when the server is disposed; StopAsync gives none.
    private static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(2);

    private readonly FakeElasticsearchOptions _options;
    private readonly ServerProfile _profile;
    private readonly FakeCluster _cluster;
    private readonly RequestRouter _router;
    private readonly Authenticator _authenticator;
    private readonly List<(long Number, RecordedRequest Request)> _requests = [];
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private KestrelHost? _host;
    private Func<BulkItemContext, ItemError?>? _itemRule;
    private int _disposed;

    private FakeElasticsearch(FakeElasticsearchOptions options, FakeCluster cluster)
    {
        if (options.ClientCertificateAuthority is not null && options.ServerCertificate is null)
        {
            throw new ArgumentException("A client certificate authority needs HTTPS: set ServerCertificate too.", nameof(options));
        }

        _options = options;
        _cluster = cluster;
        _profile = cluster.Profile;
        _router = new RequestRouter(cluster, options);
        _authenticator = new Authenticator(options);
    }

    /// <summary>The base address, with a trailing slash, e.g. <c>http://127.0.0.1:54321/</c>; a restart keeps it.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The options the server was started with.</summary>
    public FakeElasticsearchOptions Options => _options;

    /// <summary>Whether the server is listening: false after <see cref="StopAsync"/> until <see cref="RestartAsync"/>.</summary>
    public bool IsRunning => Volatile.Read(ref _host) is not null;

    /// <summary>A snapshot of every request this server received, in arrival order (faulted ones included).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_cluster.Gate)
            {
                return _requests.Select(r => r.Request).ToArray();
            }
        }
    }

    /// <summary>
    /// A snapshot of the documents held, in the order their ids were first accepted. An overwrite or update
    /// keeps the position and shows the new source; a delete removes the document.
    /// </summary>
    public IReadOnlyList<StoredDocument> Documents
    {
        get
        {
            lock (_cluster.Gate)
            {
                return _cluster.Snapshot();
            }
        }
    }

    /// <summary>How many documents are held.</summary>
    public int DocumentCount
    {
        get
        {
            lock (_cluster.Gate)
            {
                return _cluster.DocumentCount;
            }
        }
    }

    /// <summary>Points in time and scrolls open now, and opened since the start: a client must close what it opens.</summary>
    public SearchContextCounts SearchContexts
    {
        get
        {
            lock (_cluster.Gate)
            {
                var contexts = _cluster.Contexts;
                return new SearchContextCounts(contexts.OpenPointsInTime, contexts.OpenScrolls, contexts.PointsInTimeOpened, contexts.ScrollsOpened);
            }
        }
    }

    /// <summary>Lets every point in time and scroll expire, as their keep-alive running out would.</summary>
    public void ExpireSearchContexts()
    {
        lock (_cluster.Gate)
        {
            _cluster.Contexts.ExpireAll();
        }
    }

    /// <summary>One-shot faults for upcoming requests.</summary>
    public FaultQueue Faults { get; } = new();

    /// <summary>
    /// Asked about every bulk item this server receives (after one-shot <see cref="FaultQueue.FailItems"/> rules, before
    /// <see cref="FakeElasticsearchCluster.ItemRule"/>) before it is stored; a returned <see cref="ItemError"/> becomes
    /// the item's answer. Null processes items normally.
    /// </summary>
    public Func<BulkItemContext, ItemError?>? ItemRule
    {
        get => Volatile.Read(ref _itemRule);
        set => Volatile.Write(ref _itemRule, value);
    }

    /// <summary>Starts a server on 127.0.0.1, on <see cref="FakeElasticsearchOptions.Port"/> (by default a random free port).</summary>
    /// <param name="options">Credentials, root body, size limit, port; defaults when null.</param>
    /// <exception cref="IOException">The port is taken (after a few seconds' patience).</exception>
    public static async Task<FakeElasticsearch> StartAsync(FakeElasticsearchOptions? options = null)
    {
        options ??= new FakeElasticsearchOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        var server = new FakeElasticsearch(options, FakeCluster.For(options));
        await server.ListenAsync(options.Port);
        return server;
    }

    /// <summary>Completes once at least <paramref name="count"/> documents are held.</summary>
    /// <exception cref="TimeoutException">Fewer arrived within <paramref name="timeout"/>; the message says how many.</exception>
    public Task WaitForDocumentsAsync(int count, TimeSpan timeout) =>
        _cluster.WaitForDocumentsAsync(count, timeout, () => _requests.Count);

    /// <summary>
    /// Stops listening, like a node that died: requests in progress are cut off, open connections are aborted, and
    /// new connections are refused. What the cluster holds is kept. Does nothing when already stopped.
    /// </summary>
    public async Task StopAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
            await StopListeningAsync(TimeSpan.Zero);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Listens again on the same <see cref="Url"/> (stopping first when running), with the documents, templates and
    /// policies the cluster holds; recorded requests and pending faults are kept too.
    /// </summary>
    public async Task RestartAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
            await StopListeningAsync(TimeSpan.Zero);
            await ListenAsync(Url.Port);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Starts a node that shares <paramref name="cluster"/> with others.</summary>
    internal static async Task<FakeElasticsearch> StartNodeAsync(FakeElasticsearchOptions options, FakeCluster cluster)
    {
        var server = new FakeElasticsearch(options, cluster);
        await server.ListenAsync(0);
        return server;
    }

    /// <summary>This server's requests with their cluster-wide numbers; the caller holds the cluster's gate.</summary>
    internal IEnumerable<(long Number, RecordedRequest Request)> NumberedRequests() => _requests;

    /// <summary>Forgets this server's recorded requests; the caller holds the cluster's gate.</summary>
    internal void ForgetRequests() => _requests.Clear();

    /// <summary>
    /// Forgets recorded requests, all indices with their documents and mappings, templates (the built-in ones come
    /// back), lifecycle policies, and pending faults. On a node of a <see cref="FakeElasticsearchCluster"/> the indices,
    /// templates and policies go for every node.
    /// </summary>
    public void Reset()
    {
        lock (_cluster.Gate)
        {
            _requests.Clear();
            _cluster.Clear();
        }

        Faults.Clear();
    }

    /// <summary>Stops Kestrel, cutting off requests still waiting on a delay.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _lifecycle.WaitAsync();
        try
        {
            await StopListeningAsync(DisposeGrace);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private async Task ListenAsync(int port)
    {
        var host = await KestrelHost.StartAsync(_options, port, HandleAsync);
        Url = host.Url;
        Volatile.Write(ref _host, host);
    }

    private async Task StopListeningAsync(TimeSpan grace)
    {
        if (Interlocked.Exchange(ref _host, null) is { } host)
        {
            await host.StopAsync(grace);
        }
    }

    private async Task HandleAsync(HttpContext context, CancellationToken stopping)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            var body = await RequestBodyReader.ReadAsync(context.Request, _options.MaxContentLengthBytes, cancellation.Token);
            var request = BuildRequest(context.Request, body.Decoded);
            var recorded = new RecordedRequest(
                request.Method, request.Path, context.Request.QueryString.Value ?? string.Empty, Headers(context.Request), body.Decoded, receivedAt)
            {
                WireBodyLength = body.WireLength,
                Node = Url,
            };
            if (_options.RecordRequests)
            {
                lock (_cluster.Gate)
                {
                    _requests.Add((_cluster.NextRequestNumber(), recorded));
                }
            }

            var fault = Faults.TakeFor(request.Path);
            switch (fault?.Kind)
            {
                case FaultKind.DropConnection:
                    context.Abort();
                    return;
                case FaultKind.Status:
                    await ResponseWriter.WriteAsync(context, FaultResponses.For(fault, request), null, _profile.SendsProductHeader);
                    return;
                case FaultKind.Delay:
                    await Task.Delay(fault.Delay, cancellation.Token);
                    break;
            }

            var faultRule = fault?.Kind == FaultKind.FailItems ? fault.ItemRule : null;
            var response = Process(request, body, context.Request.Headers.Authorization.ToString(), faultRule);
            if (fault?.Kind == FaultKind.DelayResponse)
            {
                await Task.Delay(fault.Delay, cancellation.Token);
            }

            await ResponseWriter.WriteAsync(context, response, request, _profile.SendsProductHeader, cutBody: fault?.Kind == FaultKind.DropMidResponse);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            // The client gave up (a timeout or a reset) or the server is stopping: nobody is left to answer. A stopping
            // node answers nothing at all, rather than the empty 200 Kestrel would send for a handler that returns.
            if (stopping.IsCancellationRequested)
            {
                context.Abort();
            }
        }
    }

    private EsResponse Process(EsRequest request, RequestBody body, string authorization, Func<BulkItemContext, ItemError?>? faultRule)
    {
        if (_authenticator.Check(authorization, request.Uri) is { } unauthorized)
        {
            return EsResponse.Error(unauthorized);
        }

        if (body.TooLarge)
        {
            return EsResponse.Empty(413);
        }

        if (body.DecodeError is not null)
        {
            return EsResponse.Error(EsErrors.IllegalArgument($"failed to decompress the request body: {body.DecodeError}"));
        }

        lock (_cluster.Gate)
        {
            try
            {
                return _router.Dispatch(request, faultRule, Combine(ItemRule, _cluster.ItemRule));
            }
            catch (EsErrorException exception)
            {
                return exception.Response;
            }
            catch (Exception exception)
            {
                // A bug here or in a test's item rule: answer 500 so the test sees it.
                return EsResponse.Error(new EsError(500, "exception", $"FakeElasticsearch failed: {exception}"));
            }
            finally
            {
                _cluster.NotifyWaiters();
            }
        }
    }

    private static Func<BulkItemContext, ItemError?>? Combine(Func<BulkItemContext, ItemError?>? first, Func<BulkItemContext, ItemError?>? second) =>
        first is null ? second
        : second is null ? first
        : context => first(context) ?? second(context);

    private static EsRequest BuildRequest(HttpRequest request, byte[] body)
    {
        var path = request.Path.Value is { Length: > 0 } value ? value : "/";
        return new EsRequest
        {
            Method = request.Method,
            Path = path,
            Uri = path + request.QueryString.Value,
            Segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries),
            Query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            Body = body,
            ContentType = request.ContentType,
        };
    }

    private static Dictionary<string, string> Headers(HttpRequest request) =>
        request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value.Select(v => v ?? string.Empty)), StringComparer.OrdinalIgnoreCase);
}
