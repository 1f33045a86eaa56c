using System.Text.Json;
using Serilog.Debugging;
using Serilog.Sinks.WorkflowTrace.Bulk;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Transport;

namespace Serilog.Sinks.WorkflowTrace.Bootstrap;

/// <summary>
/// Before the first bulk request: asks the server who it is (<c>GET /</c>), then — unless the mode is
/// <see cref="WorkflowTraceBootstrapMode.None"/> — puts the lifecycle policy and the index template in place,
/// writing the template only when the installed one's content hash differs. One attempt at a time, started by the
/// <see cref="BootstrapSchedule"/>, which also decides when a failed one is tried again.
/// </summary>
sealed class IndexBootstrapper
{
    const string Json = "application/json";

    readonly IElasticsearchTransport _transport;
    readonly BootstrapSettings _settings;
    bool _ready;
    CancellationToken _cancellation;

    public IndexBootstrapper(IElasticsearchTransport transport, BootstrapSettings settings)
    {
        _transport = transport;
        _settings = settings;
    }

    /// <summary>The server, once it has answered <c>GET /</c>.</summary>
    public ServerInfo? Server { get; private set; }

    /// <summary>True once an attempt succeeded: the template is in place (or the mode asks for none).</summary>
    public bool IsReady => Volatile.Read(ref _ready);

    /// <summary>
    /// One attempt; throws (<see cref="BootstrapException"/>, or <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> ends it) when it failed. When attempts are made and what a failure
    /// means for shipping is the <see cref="BootstrapSchedule"/>'s business.
    /// </summary>
    public async Task AttemptAsync(CancellationToken cancellationToken)
    {
        if (IsReady)
            return;
        _cancellation = cancellationToken;
        Server ??= await DetectAsync().ConfigureAwait(false);
        if (_settings.Mode != WorkflowTraceBootstrapMode.None)
        {
            var retention = await InstallLifecycleAsync(Server).ConfigureAwait(false);
            await InstallTemplateAsync(Server, retention).ConfigureAwait(false);
        }
        Volatile.Write(ref _ready, true);
    }

    /// <summary>The mode: what a failure means for shipping.</summary>
    public WorkflowTraceBootstrapMode Mode => _settings.Mode;

    async Task<ServerInfo> DetectAsync()
    {
        var response = await SendAsync(HttpMethod.Get, "", null, "asking the server who it is (GET /)").ConfigureAwait(false);
        if (!response.IsSuccess)
            throw Refusal(response, "GET /", "monitor");
        var server = ServerInfo.Parse(response.Body);
        if (server.Kind == ServerKind.Unknown)
            throw new BootstrapException($"{response.Node} does not answer GET / like Elasticsearch or OpenSearch");
        if (!server.IsSupported)
            throw new BootstrapException($"{server} is not supported: the sink needs Elasticsearch 7.0 or later, serverless, or OpenSearch 1.0 or later");
        return server;
    }

    /// <summary>Installs the lifecycle policy the retention option asks for; returns the template's part of it.</summary>
    async Task<(string? PolicyName, string? DataRetention)> InstallLifecycleAsync(ServerInfo server)
    {
        if (_settings.Retention is not { } retention)
            return (null, null);

        switch (server.Kind)
        {
            case ServerKind.Elasticsearch:
            {
                var (path, body, hash) = LifecyclePolicyBuilder.Ilm(_settings.PolicyName, retention, _settings.DataStream);
                var installed = await SendAsync(HttpMethod.Get, path, null, "reading the ILM policy").ConfigureAwait(false);
                if (installed.StatusCode == 200 && InstalledPolicyHash(installed.Body, _settings.PolicyName) == hash)
                    return (_settings.PolicyName, null);
                var response = await SendAsync(HttpMethod.Put, path, body, "installing the ILM policy").ConfigureAwait(false);
                if (!response.IsSuccess)
                    throw Refusal(response, "PUT " + path, "manage_ilm");
                return (_settings.PolicyName, null);
            }
            case ServerKind.OpenSearch:
            {
                var (path, body) = LifecyclePolicyBuilder.Ism(_settings.PolicyName, retention, _settings.TemplatePattern, _settings.Priority);
                var existing = await SendAsync(HttpMethod.Get, path, null, "reading the ISM policy").ConfigureAwait(false);
                if (existing.StatusCode == 200)
                    return (null, null); // ISM policies are versioned; one that exists is left to its owner.
                var response = await SendAsync(HttpMethod.Put, path, body, "installing the ISM policy").ConfigureAwait(false);
                if (!response.IsSuccess && response.StatusCode != 409)
                    throw Refusal(response, "PUT " + path, "cluster:admin/opendistro/ism/policy/write");
                return (null, null);
            }
            case ServerKind.ElasticsearchServerless when _settings.DataStream:
                return (null, ElasticsearchDuration.Format(retention));
            default:
                SelfLog.WriteLine("WorkflowTrace: {0} offers no lifecycle for plain indices; the retention option is ignored (use dataStream: true on serverless)", server);
                return (null, null);
        }
    }

    /// <summary>
    /// The index template the bootstrapper installs on <paramref name="server"/> for <paramref name="settings"/>, with the
    /// lifecycle part the retention option gives there (for <c>workflow-trace template show</c>).
    /// </summary>
    public static IndexTemplateRequest BuildTemplate(ServerInfo server, BootstrapSettings settings) =>
        BuildTemplate(settings, server, settings.Retention is not { } retention ? (null, null) : server.Kind switch
        {
            ServerKind.Elasticsearch => (settings.PolicyName, null),
            ServerKind.ElasticsearchServerless when settings.DataStream => (null, ElasticsearchDuration.Format(retention)),
            _ => (null, null),
        });

    static IndexTemplateRequest BuildTemplate(BootstrapSettings settings, ServerInfo server, (string? PolicyName, string? DataRetention) lifecycle) =>
        IndexTemplateBuilder.Build(server, new IndexTemplateOptions
        {
            Name = settings.TemplateName,
            Patterns = [settings.TemplatePattern],
            Shards = settings.Shards,
            Replicas = settings.Replicas,
            RefreshInterval = settings.RefreshInterval,
            Priority = settings.Priority,
            DataStream = settings.DataStream,
            LifecyclePolicyName = lifecycle.PolicyName,
            DataRetention = lifecycle.DataRetention,
        });

    /// <summary>After a successful attempt: true when the template was written, false when the installed one was already current.</summary>
    public bool? TemplateWritten { get; private set; }

    async Task InstallTemplateAsync(ServerInfo server, (string? PolicyName, string? DataRetention) lifecycle)
    {
        var request = BuildTemplate(_settings, server, lifecycle);

        var installed = await SendAsync(HttpMethod.Get, request.Path, null, "reading the installed index template").ConfigureAwait(false);
        if (installed.StatusCode == 200 && InstalledHash(installed.Body, request.IsLegacy, _settings.TemplateName) == request.ContentHash)
        {
            TemplateWritten = false;
            return;
        }
        if (installed.StatusCode is 401 or 403)
            throw Refusal(installed, "GET " + request.Path, "manage_index_templates");

        var response = await SendAsync(HttpMethod.Put, request.Path, request.Body, "installing the index template").ConfigureAwait(false);
        if (response.IsSuccess)
        {
            TemplateWritten = true;
            return;
        }

        var description = BulkResponseParser.DescribeErrorBody(response.Body);
        if (response.StatusCode == 400 && description.Contains("same priority", StringComparison.Ordinal))
            throw new BootstrapException(
                $"another index template matches the same indices at priority {_settings.Priority}, so Elasticsearch refused ours ({description}). " +
                "Set the templatePriority option to a priority no other matching template uses, or choose another indexName.");
        throw Refusal(response, "PUT " + request.Path, "manage_index_templates");
    }

    static string? InstalledHash(byte[] body, bool legacy, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            JsonElement meta;
            if (legacy)
            {
                if (!root.TryGetProperty(name, out var template) || !template.TryGetProperty("mappings", out var mappings) || !mappings.TryGetProperty("_meta", out meta))
                    return null;
            }
            else
            {
                if (!root.TryGetProperty("index_templates", out var templates) || templates.GetArrayLength() == 0 ||
                    !templates[0].TryGetProperty("index_template", out var template) || !template.TryGetProperty("_meta", out meta))
                    return null;
            }
            return meta.TryGetProperty("content_hash", out var hash) ? hash.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static string? InstalledPolicyHash(byte[] body, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty(name, out var entry) && entry.TryGetProperty("policy", out var policy) &&
                   policy.TryGetProperty("_meta", out var meta) && meta.TryGetProperty("content_hash", out var hash) && hash.ValueKind == JsonValueKind.String
                ? hash.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static BootstrapException Refusal(TransportResponse response, string request, string privilege)
    {
        var description = BulkResponseParser.DescribeErrorBody(response.Body);
        return response.StatusCode switch
        {
            401 => new BootstrapException($"{request}: Elasticsearch refused the credentials (401): check username/password or apiKey. {description}") { StatusCode = 401 },
            403 => new BootstrapException(
                $"{request}: the user lacks the privilege '{privilege}' (403). Grant it, or set bootstrapMode to None and install the template by hand (README, 'Index management'). {description}")
                { StatusCode = 403 },
            _ => new BootstrapException($"{request} was answered {response.StatusCode}: {description}") { StatusCode = response.StatusCode },
        };
    }

    async Task<TransportResponse> SendAsync(HttpMethod method, string path, byte[]? body, string what)
    {
        try
        {
            return await _transport.SendAsync(new TransportRequest(method, path, body ?? default, body is null ? null : Json), _cancellation).ConfigureAwait(false);
        }
        catch (TransportException ex)
        {
            throw new BootstrapException($"{what} failed: {ex.Message}", ex);
        }
    }
}
