using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// A loopback HTTP server that answers like a single-node Elasticsearch for what a log sink does: <c>GET /</c>,
/// <c>_bulk</c>, index templates (composable and legacy), lifecycle policies (ILM, or OpenSearch's ISM), and reading
/// back with <c>_search</c>, <c>_count</c>, <c>_mapping</c>, <c>_settings</c>. Which product and version it plays
/// (Elasticsearch 7–9, serverless, OpenSearch) follows <see cref="FakeElasticsearchOptions.RootResponseJson"/>
/// (see <see cref="RootResponses"/>). It refuses what that server refuses (malformed bodies, mapping conflicts, bad
/// names, unknown parameters, APIs it does not have) and can inject faults. Every request is recorded.
/// </summary>
public sealed class FakeElasticsearch : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeElasticsearchOptions _options;
    private readonly ServerProfile _profile;
    private readonly FakeCluster _cluster;
    private readonly RequestRouter _router;
    private readonly Authenticator _authenticator;
    private readonly List<RecordedRequest> _requests = [];
    private readonly CancellationTokenSource _stopping = new();
    private Func<BulkItemContext, ItemError?>? _itemRule;
    private int _disposed;

    private FakeElasticsearch(WebApplication app, FakeElasticsearchOptions options)
    {
        _app = app;
        _options = options;
        _profile = ServerProfile.Parse(options.RootResponseJson);
        _cluster = new FakeCluster(_profile, options.BuiltInDataStreamTemplates);
        _router = new RequestRouter(_cluster, options);
        _authenticator = new Authenticator(options);
    }

    /// <summary>The base address, with a trailing slash, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The options the server was started with.</summary>
    public FakeElasticsearchOptions Options => _options;

    /// <summary>A snapshot of every request received, in arrival order (faulted ones included).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_cluster.Gate)
            {
                return _requests.ToArray();
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

    /// <summary>One-shot faults for upcoming requests.</summary>
    public FaultQueue Faults { get; } = new();

    /// <summary>
    /// Asked about every bulk item (after one-shot <see cref="FaultQueue.FailItems"/> rules) before it is
    /// stored; a returned <see cref="ItemError"/> becomes the item's answer. Null processes items normally.
    /// </summary>
    public Func<BulkItemContext, ItemError?>? ItemRule
    {
        get => Volatile.Read(ref _itemRule);
        set => Volatile.Write(ref _itemRule, value);
    }

    /// <summary>Starts a server on 127.0.0.1 with a random free port.</summary>
    /// <param name="options">Credentials, root body, size limit; defaults when null.</param>
    public static async Task<FakeElasticsearch> StartAsync(FakeElasticsearchOptions? options = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());

        // Keep test output clean: nothing from ASP.NET Core's own logging.
        builder.Logging.ClearProviders();
        var certificate = options?.ServerCertificate;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // The size limit is Elasticsearch's to enforce (413), not Kestrel's.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                if (certificate is not null)
                    listen.UseHttps(certificate);
            });
        });

        var app = builder.Build();
        var server = new FakeElasticsearch(app, options ?? new FakeElasticsearchOptions());
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Completes once at least <paramref name="count"/> documents are held.</summary>
    /// <exception cref="TimeoutException">Fewer arrived within <paramref name="timeout"/>; the message says how many.</exception>
    public async Task WaitForDocumentsAsync(int count, TimeSpan timeout)
    {
        Task waiter;
        lock (_cluster.Gate)
        {
            waiter = _cluster.WaitForDocuments(count);
        }

        try
        {
            await waiter.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            int arrived, requests;
            lock (_cluster.Gate)
            {
                _cluster.ForgetWaiter(waiter);
                arrived = _cluster.DocumentCount;
                requests = _requests.Count;
            }

            throw new TimeoutException(
                $"Expected at least {count} documents within {timeout}, but {arrived} arrived ({requests} requests received).");
        }
    }

    /// <summary>
    /// Forgets recorded requests, all indices with their documents and mappings, templates (the built-in ones come
    /// back), lifecycle policies, and pending faults.
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

        await _stopping.CancelAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Connections still open after the grace period are aborted; that is fine for a test server.
            }
        }

        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            var body = await RequestBodyReader.ReadAsync(context.Request, _options.MaxContentLengthBytes, cancellation.Token);
            var request = BuildRequest(context.Request, body.Decoded);
            var recorded = new RecordedRequest(
                request.Method, request.Path, context.Request.QueryString.Value ?? string.Empty, Headers(context.Request), body.Decoded, receivedAt)
            {
                WireBodyLength = body.WireLength,
            };
            lock (_cluster.Gate)
            {
                _requests.Add(recorded);
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
            await ResponseWriter.WriteAsync(context, response, request, _profile.SendsProductHeader);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            // The client gave up (a timeout or a reset) or the server is stopping: nobody is left to answer.
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
                return _router.Dispatch(request, faultRule, ItemRule);
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
