using System.Globalization;

namespace Serilog.Sinks.WorkflowTrace.Configuration;

/// <summary>
/// Validates the raw options of <c>WriteTo.WorkflowTrace(...)</c> and produces <see cref="WorkflowTraceSettings"/>.
/// Every entry point (the options object, the flat method, appsettings.json) fills it from a
/// <c>WorkflowTraceSinkOptions</c>. Every failure is an <see cref="ArgumentException"/> whose parameter name is the
/// setting's appsettings.json key; secrets are never part of a message.
/// </summary>
sealed class WorkflowTraceSettingsBuilder
{
    public string? Hosts { get; set; }
    public IEnumerable<string>? HostList { get; set; }
    public string? IndexName { get; set; } = WorkflowTraceDefaults.IndexName;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? ApiKey { get; set; }
    public string? ApiKeyId { get; set; }
    public string? BearerToken { get; set; }
    public string? ClientCertificatePath { get; set; }
    public string? ClientCertificatePassword { get; set; }
    public TimeSpan? DeadTimeout { get; set; }
    public TimeSpan? MaxDeadTimeout { get; set; }
    public int MaxRequestBytes { get; set; } = WorkflowTraceDefaults.MaxRequestBytes;
    public int BufferSize { get; set; } = WorkflowTraceDefaults.BufferSize;
    public TimeSpan? FlushInterval { get; set; }
    public int QueueLimit { get; set; } = WorkflowTraceDefaults.QueueLimit;
    public TimeSpan? Timeout { get; set; }
    public int MaxRetries { get; set; } = WorkflowTraceDefaults.MaxRetries;
    public TimeSpan? RetryTimeLimit { get; set; }
    public TimeSpan? ShutdownTimeout { get; set; }
    public bool VerifyCertificates { get; set; } = WorkflowTraceDefaults.VerifyCertificates;
    public string? CertificateFingerprint { get; set; }
    public string? CaCertificatePath { get; set; }
    public bool SampleProcessMetrics { get; set; } = WorkflowTraceDefaults.SampleProcessMetrics;
    public bool CompressRequests { get; set; } = WorkflowTraceDefaults.CompressRequests;
    public TraceContextDefaults Context { get; set; } = new();
    public WorkflowTraceBootstrapMode BootstrapMode { get; set; } = WorkflowTraceDefaults.BootstrapMode;
    public string? TemplateName { get; set; }
    public int NumberOfShards { get; set; } = WorkflowTraceDefaults.NumberOfShards;
    public int NumberOfReplicas { get; set; } = WorkflowTraceDefaults.NumberOfReplicas;
    public TimeSpan? RefreshInterval { get; set; }
    public int TemplatePriority { get; set; } = WorkflowTraceDefaults.TemplatePriority;
    public bool DataStream { get; set; } = WorkflowTraceDefaults.DataStream;
    public TimeSpan? Retention { get; set; }
    public string? BufferPath { get; set; }
    public long BufferSizeLimitBytes { get; set; } = WorkflowTraceDefaults.BufferSizeLimitBytes;
    public TimeSpan? BufferFlushInterval { get; set; }
    public WorkflowTraceBufferFullMode BufferFullMode { get; set; } = WorkflowTraceDefaults.BufferFullMode;

    public WorkflowTraceSettings Build()
    {
        var (hosts, urlCredentials) = HostListParser.ParseWithCredentials(Hosts, HostList);
        var indexFormat = IndexNameFormat.Parse(IndexName);

        if (BufferSize <= 0)
            throw SettingException.OutOfRange("bufferSize", BufferSize, "the number of events per batch must be greater than zero");
        if (QueueLimit <= 0)
            throw SettingException.OutOfRange("queueLimit", QueueLimit, "the number of events held in memory must be greater than zero");
        if (QueueLimit < BufferSize)
            throw SettingException.OutOfRange("queueLimit", QueueLimit, $"the queue must hold at least one batch (bufferSize is {BufferSize})");
        if (MaxRetries < 0)
            throw SettingException.OutOfRange("maxRetries", MaxRetries, "the number of retries cannot be negative");

        var flushInterval = Positive(FlushInterval ?? WorkflowTraceDefaults.FlushInterval, "flushInterval");
        var timeout = Positive(Timeout ?? WorkflowTraceDefaults.Timeout, "timeout");
        var retryTimeLimit = Positive(RetryTimeLimit ?? WorkflowTraceDefaults.RetryTimeLimit, "retryTimeLimit");
        var shutdownTimeout = Positive(ShutdownTimeout ?? WorkflowTraceDefaults.ShutdownTimeout, "shutdownTimeout", TimeSpan.FromHours(1));

        if (MaxRequestBytes < WorkflowTraceDefaults.MinRequestBytes)
            throw SettingException.OutOfRange("maxRequestBytes", MaxRequestBytes, $"a request must be allowed at least {WorkflowTraceDefaults.MinRequestBytes} bytes");
        var deadTimeout = Positive(DeadTimeout ?? WorkflowTraceDefaults.DeadTimeout, "deadTimeout");
        var maxDeadTimeout = Positive(MaxDeadTimeout ?? WorkflowTraceDefaults.MaxDeadTimeout, "maxDeadTimeout");
        if (maxDeadTimeout < deadTimeout)
            throw SettingException.OutOfRange("maxDeadTimeout", maxDeadTimeout.ToString("c", CultureInfo.InvariantCulture), $"it must be at least deadTimeout ({deadTimeout:c})");

        var username = Blank(Username);
        var password = Password is { Length: > 0 } ? Password : null;
        if (urlCredentials is { } fromUrl)
        {
            if (username is not null || password is not null)
                throw SettingException.Secret("hosts", "credentials are given both in a host URL and in username/password; give them once");
            (username, password) = fromUrl;
        }
        var apiKey = Blank(ApiKey);
        var apiKeyId = Blank(ApiKeyId);
        var bearerToken = Blank(BearerToken);
        if (apiKeyId is not null && apiKey is null)
            throw SettingException.Secret("apiKey", "apiKeyId is set but no apiKey is given");
        if (apiKeyId is not null && apiKeyId.Contains(':', StringComparison.Ordinal))
            throw SettingException.Secret("apiKeyId", "an API key id has no ':'; give the id and the key apart, or 'id:key' in apiKey alone");
        if (bearerToken is not null && (apiKey is not null || username is not null))
            throw SettingException.Secret("bearerToken", "give one way to authenticate: a bearer token, an API key, or a username and password");
        if (username is not null && password is null)
            throw SettingException.Secret("password", $"the username '{username}' is set but no password is given");
        if (username is null && password is not null)
            throw SettingException.Secret("username", "a password is set but no username is given");
        if (apiKey is not null && username is not null)
            throw SettingException.Secret("apiKey", "give either an API key or a username and password, not both");

        var fingerprint = NormalizeFingerprint(CertificateFingerprint);
        var caPath = Blank(CaCertificatePath);
        var authorities = CaCertificateLoader.Load(caPath);
        var clientCertificatePath = Blank(ClientCertificatePath);
        var clientCertificate = ClientCertificateLoader.Load(clientCertificatePath, ClientCertificatePassword);
        TlsSettingRules.Check(hosts, VerifyCertificates, fingerprint, caPath, clientCertificatePath);

        var bootstrap = BuildBootstrap(indexFormat);
        var buffer = BuildBuffer();

        return new WorkflowTraceSettings
        {
            Hosts = hosts,
            IndexName = IndexName!,
            IndexFormat = indexFormat,
            Username = username,
            Password = password,
            ApiKey = apiKey,
            ApiKeyId = apiKeyId,
            BearerToken = bearerToken,
            ClientCertificate = clientCertificate,
            DeadTimeout = deadTimeout,
            MaxDeadTimeout = maxDeadTimeout,
            MaxRequestBytes = MaxRequestBytes,
            BufferSize = BufferSize,
            FlushInterval = flushInterval,
            QueueLimit = QueueLimit,
            Timeout = timeout,
            MaxRetries = MaxRetries,
            RetryTimeLimit = retryTimeLimit,
            ShutdownTimeout = shutdownTimeout,
            VerifyCertificates = VerifyCertificates,
            CertificateFingerprint = fingerprint,
            CaCertificates = authorities,
            SampleProcessMetrics = SampleProcessMetrics,
            CompressRequests = CompressRequests,
            Context = Normalize(Context),
            Bootstrap = bootstrap,
            Buffer = buffer,
        };
    }

    BootstrapSettings BuildBootstrap(IndexNameFormat indexFormat)
    {
        if (!Enum.IsDefined(BootstrapMode))
            throw SettingException.OutOfRange("bootstrapMode", BootstrapMode, "use None, Silent or Failure");
        if (NumberOfShards < 1)
            throw SettingException.OutOfRange("numberOfShards", NumberOfShards, "an index needs at least one shard");
        if (NumberOfReplicas < 0)
            throw SettingException.OutOfRange("numberOfReplicas", NumberOfReplicas, "the number of replicas cannot be negative");
        if (TemplatePriority < 0)
            throw SettingException.OutOfRange("templatePriority", TemplatePriority, "a template priority cannot be negative");
        var refresh = Positive(RefreshInterval ?? WorkflowTraceDefaults.RefreshInterval, "refreshInterval");
        var retention = Retention is { } r ? Positive(r, "retention", TimeSpan.FromDays(36500)) : (TimeSpan?)null;

        var templateName = Blank(TemplateName) ?? indexFormat.BaseName;
        if (IndexNameRules.FindProblem(templateName) is { } problem)
            throw SettingException.Invalid("templateName", templateName, problem.Replace("index names", "template names", StringComparison.Ordinal));
        if (DataStream && indexFormat.BaseName.StartsWith(".ds-", StringComparison.Ordinal))
            throw SettingException.Invalid("indexName", IndexName, "a data stream name must not start with '.ds-'");

        return new BootstrapSettings
        {
            Mode = BootstrapMode,
            TemplateName = templateName,
            TemplatePattern = indexFormat.TemplatePattern,
            Shards = NumberOfShards,
            Replicas = NumberOfReplicas,
            RefreshInterval = ElasticsearchDuration.Format(refresh),
            Priority = TemplatePriority,
            DataStream = DataStream,
            Retention = retention,
        };
    }

    DurableBufferSettings? BuildBuffer()
    {
        if (BufferSizeLimitBytes < WorkflowTraceDefaults.MinBufferSizeLimitBytes)
            throw SettingException.OutOfRange("bufferSizeLimitBytes", BufferSizeLimitBytes,
                $"the durable buffer must be allowed at least {WorkflowTraceDefaults.MinBufferSizeLimitBytes} bytes");
        var flush = BufferFlushInterval ?? WorkflowTraceDefaults.BufferFlushInterval;
        if (flush != TimeSpan.Zero)
            flush = Positive(flush, "bufferFlushInterval");
        if (!Enum.IsDefined(BufferFullMode))
            throw SettingException.OutOfRange("bufferFullMode", BufferFullMode, "use DropOldest or RefuseNew");

        var path = Blank(BufferPath);
        if (path is null)
            return null;
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw SettingException.Invalid("bufferPath", path, "it is not a usable directory path (" + e.Message + ")");
        }
        if (File.Exists(full))
            throw SettingException.Invalid("bufferPath", path, "a file of that name exists; give a directory (it is created when missing)");
        return new DurableBufferSettings(full, BufferSizeLimitBytes, flush, BufferFullMode);
    }

    static TimeSpan Positive(TimeSpan value, string setting, TimeSpan? maximum = null)
    {
        var limit = maximum ?? TimeSpan.FromDays(1);
        if (value <= TimeSpan.Zero)
            throw SettingException.OutOfRange(setting, value.ToString("c", CultureInfo.InvariantCulture), "the duration must be greater than zero");
        if (value > limit)
            throw SettingException.OutOfRange(setting, value.ToString("c", CultureInfo.InvariantCulture),
                limit == TimeSpan.FromDays(1) ? "the duration must be at most one day (TimeSpan text is hh:mm:ss: \"00:00:02\" is two seconds, \"2\" two days)"
                : limit == TimeSpan.FromHours(1) ? "the duration must be at most one hour (TimeSpan text is hh:mm:ss: \"00:00:30\" is thirty seconds)"
                : "the duration is too long");
        return value;
    }

    static string? NormalizeFingerprint(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var hex = value.Replace(":", "", StringComparison.Ordinal).Trim();
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
            throw SettingException.Invalid("certificateFingerprint", value, "expected the hex SHA-256 fingerprint of the certificate (64 hex digits, colons allowed)");
        return hex.ToUpperInvariant();
    }

    static TraceContextDefaults Normalize(TraceContextDefaults context) => new()
    {
        RunId = Blank(context.RunId),
        ParentRunId = Blank(context.ParentRunId),
        WorkflowName = Blank(context.WorkflowName),
        StageName = Blank(context.StageName),
        JobName = Blank(context.JobName),
        TraceId = Blank(context.TraceId),
        SpanId = Blank(context.SpanId),
        UserId = Blank(context.UserId),
        TenantId = Blank(context.TenantId),
        Environment = Blank(context.Environment),
        Tags = context.Tags.Select(Blank).OfType<string>().Distinct(StringComparer.Ordinal).ToArray(),
        PackageVersion = Blank(context.PackageVersion),
    };

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
