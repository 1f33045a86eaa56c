using System.Globalization;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Serilog.Configuration;
using Serilog.Sinks.WorkflowTrace.AppSettingsBinding;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Configuration;

/// <summary>
/// The options object, its <c>Action</c> form, the flat method and appsettings.json are four doors to one sink:
/// given the same values they hand the sink factory the same validated settings.
/// </summary>
public class OptionsObjectTests
{
    const string Fingerprint = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

    /// <summary>The parameters of the entry points that are not options of the sink but of Serilog's pipeline.</summary>
    static readonly string[] PipelineParameters = ["loggerSinkConfiguration", "restrictedToMinimumLevel", "levelSwitch"];

    TestCertificates _certificates = null!;
    string _clientCertificatePath = null!;

    [OneTimeSetUp]
    public void CreateCertificates()
    {
        _certificates = TestCertificates.Create();
        using var client = _certificates.IssueClientCertificate();
        _clientCertificatePath = Path.Combine(Path.GetTempPath(), $"wt-options-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(_clientCertificatePath, client.Export(X509ContentType.Pkcs12, "pfx-pass"));
    }

    [OneTimeTearDown]
    public void DeleteCertificates()
    {
        _certificates.Dispose();
        File.Delete(_clientCertificatePath);
    }

    public static readonly string[] OptionSets = ["basic authentication over TLS", "API key", "bearer token"];

    /// <summary>
    /// Non-default values, keyed by appsettings.json name. The ways to authenticate exclude each other and pinning
    /// excludes switching verification off, so it takes three sets to give every option a non-default value.
    /// </summary>
    Dictionary<string, object> Values(string set) => set switch
    {
        "API key" => new() { ["hosts"] = "http://es-a:9200", ["apiKey"] = "the-key", ["apiKeyId"] = "the-id", ["verifyCertificates"] = false },
        "bearer token" => new()
        {
            ["hostList"] = new[] { "http://es-a:9200", "http://es-b:9200" },
            ["bearerToken"] = "the-token",
            ["bufferPath"] = Path.Combine(Path.GetTempPath(), "wt-options-buffer"),
            ["bufferSizeLimitBytes"] = 1_048_576L,
            ["bufferFlushInterval"] = TimeSpan.Zero,
            ["bufferFullMode"] = WorkflowTraceBufferFullMode.RefuseNew,
        },
        _ => new()
        {
            ["hosts"] = "https://es-a:9200, https://es-b:9200",
            ["hostList"] = new[] { "https://es-c:9200" },
            ["indexName"] = "runs-{0:yyyy.MM}",
            ["username"] = "writer",
            ["password"] = "pa55word",
            ["certificateFingerprint"] = Fingerprint,
            ["caCertificatePath"] = _certificates.AuthorityPemPath,
            ["clientCertificatePath"] = _clientCertificatePath,
            ["clientCertificatePassword"] = "pfx-pass",
            ["bufferSize"] = 250,
            ["flushInterval"] = TimeSpan.FromSeconds(5),
            ["queueLimit"] = 1000,
            ["timeout"] = TimeSpan.FromSeconds(7),
            ["maxRetries"] = 5,
            ["retryTimeLimit"] = TimeSpan.FromMinutes(3),
            ["shutdownTimeout"] = TimeSpan.FromSeconds(12),
            ["maxRequestBytes"] = 65_536,
            ["compressRequests"] = false,
            ["deadTimeout"] = TimeSpan.FromSeconds(10),
            ["maxDeadTimeout"] = TimeSpan.FromMinutes(5),
            ["bootstrapMode"] = WorkflowTraceBootstrapMode.Failure,
            ["templateName"] = "runs-template",
            ["numberOfShards"] = 3,
            ["numberOfReplicas"] = 2,
            ["refreshInterval"] = TimeSpan.FromSeconds(30),
            ["templatePriority"] = 300,
            ["dataStream"] = true,
            ["retention"] = TimeSpan.FromDays(30),
            ["runId"] = "run-1",
            ["parentRunId"] = "run-0",
            ["workflowName"] = "nightly",
            ["stageName"] = "load",
            ["jobName"] = "copy",
            ["traceId"] = "0af7651916cd43dd8448eb211c80319c",
            ["spanId"] = "b7ad6b7169203331",
            ["userId"] = "u-7",
            ["tenantId"] = "t-3",
            ["environment"] = "staging",
            ["tags"] = new[] { "team:data", "tier:gold" },
            ["packageVersion"] = "9.9.9",
            ["sampleProcessMetrics"] = true,
        },
    };

    static PropertyInfo Option(string name) =>
        typeof(WorkflowTraceSinkOptions).GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
        ?? throw new AssertionException($"WorkflowTraceSinkOptions has no property for '{name}'");

    static WorkflowTraceSinkOptions OptionsObject(Dictionary<string, object> values)
    {
        var options = new WorkflowTraceSinkOptions();
        foreach (var (name, value) in values)
            Option(name).SetValue(options, value);
        return options;
    }

    static MethodInfo FlatMethod() => typeof(WorkflowTraceLoggerConfigurationExtensions).GetMethods()
        .Single(m => m.Name == "WorkflowTrace" && m.GetParameters().Any(p => p.Name == "hosts"));

    static MethodInfo AppSettingsMethod() => typeof(WorkflowTraceAppSettingsExtensions).GetMethods().Single(m => m.Name == "WorkflowTrace");

    static IEnumerable<string> OptionNames(MethodInfo method) =>
        method.GetParameters().Select(p => p.Name!).Except(PipelineParameters);

    /// <summary>The flat method called as code calls it, with the named arguments given and the rest left out.</summary>
    static void CallFlatMethod(LoggerSinkConfiguration writeTo, Dictionary<string, object> values) =>
        FlatMethod().Invoke(null, FlatMethod().GetParameters()
            .Select(p => p.Position == 0 ? writeTo : values.TryGetValue(p.Name!, out var value) ? value : Type.Missing)
            .ToArray());

    static string AppSettingsJson(Dictionary<string, object> values)
    {
        var args = values.ToDictionary(v => v.Key, v => v.Value switch
        {
            string[] items => (object)items,
            TimeSpan duration => duration.ToString("c", CultureInfo.InvariantCulture),
            bool flag => flag ? "true" : "false",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            var other => other,
        });
        return AppSettings.WithArgs(JsonSerializer.Serialize(args));
    }

    /// <summary>The validated settings an entry point hands to the sink factory (no sink is started).</summary>
    static WorkflowTraceSettings SettingsFrom(Action<LoggerConfiguration> configure)
    {
        WorkflowTraceSettings? received = null;
        WorkflowTraceLoggerConfigurationExtensions.CreateSinkOverride.Value = settings =>
        {
            Assert.That(received, Is.Null, "one sink is configured");
            received = settings;
            return new ListSink();
        };
        try
        {
            configure(new LoggerConfiguration());
        }
        finally
        {
            WorkflowTraceLoggerConfigurationExtensions.CreateSinkOverride.Value = null;
        }
        Assert.That(received, Is.Not.Null, "the entry point created a sink");
        return received!;
    }

    [Test]
    public void EveryOptionIsNamedAlikeByTheOptionsObjectTheFlatMethodAndAppSettings()
    {
        var properties = typeof(WorkflowTraceSinkOptions).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

        Assert.Multiple(() =>
        {
            Assert.That(OptionNames(FlatMethod()), Is.EquivalentTo(properties), "the flat method's parameters");
            Assert.That(OptionNames(AppSettingsMethod()), Is.EquivalentTo(properties), "the appsettings.json entry's parameters");
        });
    }

    [Test]
    public void TheOptionSetsGiveEveryOptionAValueOtherThanItsDefault()
    {
        var defaults = new WorkflowTraceSinkOptions();
        var given = OptionSets.SelectMany(set => Values(set)).ToList();
        var notDifferent = given.Where(v => SettingsDifferences.Between(Option(v.Key).GetValue(defaults), v.Value).Count == 0).Select(v => v.Key);

        Assert.Multiple(() =>
        {
            Assert.That(given.Select(v => v.Key).Distinct(), Is.EquivalentTo(OptionNames(FlatMethod())), "every option is given in some set");
            Assert.That(notDifferent, Is.Empty, "options given their default value");
        });
    }

    [Test]
    public void TheOptionSetsChangeEverySettingTheSinkReceives()
    {
        var defaults = SettingsFrom(c => c.WriteTo.WorkflowTrace(new WorkflowTraceSinkOptions()));
        var changed = OptionSets
            .SelectMany(set => SettingsDifferences.Between(defaults, SettingsFrom(c => c.WriteTo.WorkflowTrace(OptionsObject(Values(set))))))
            .Select(path => path.Split('.', '[')[0])
            .ToHashSet();
        var settings = typeof(WorkflowTraceSettings).GetProperties().Select(p => p.Name)
            .Except([nameof(WorkflowTraceSettings.MinimumLevel)]); // the pipeline's level, not an option of the sink

        Assert.That(settings.Except(changed), Is.Empty, "settings the option sets leave at their defaults, so the comparisons below would not see them");
    }

    [TestCaseSource(nameof(OptionSets))]
    public void TheFlatMethodBuildsTheSameSettingsAsTheOptionsObject(string set)
    {
        var fromOptions = SettingsFrom(c => c.WriteTo.WorkflowTrace(OptionsObject(Values(set))));
        var fromFlat = SettingsFrom(c => CallFlatMethod(c.WriteTo, Values(set)));

        Assert.That(SettingsDifferences.Between(fromFlat, fromOptions), Is.Empty);
    }

    [TestCaseSource(nameof(OptionSets))]
    public void TheConfigureActionBuildsTheSameSettingsAsTheOptionsObject(string set)
    {
        var fromOptions = SettingsFrom(c => c.WriteTo.WorkflowTrace(OptionsObject(Values(set))));
        var fromAction = SettingsFrom(c => c.WriteTo.WorkflowTrace(options =>
        {
            foreach (var (name, value) in Values(set))
                Option(name).SetValue(options, value);
        }));

        Assert.That(SettingsDifferences.Between(fromAction, fromOptions), Is.Empty);
    }

    [TestCaseSource(nameof(OptionSets))]
    public void AppSettingsJsonBuildsTheSameSettingsAsTheOptionsObject(string set)
    {
        var fromOptions = SettingsFrom(c => c.WriteTo.WorkflowTrace(OptionsObject(Values(set))));
        var fromJson = SettingsFrom(c => c.ReadFrom.Configuration(AppSettings.Parse(AppSettingsJson(Values(set)))));

        Assert.That(SettingsDifferences.Between(fromJson, fromOptions), Is.Empty);
    }

    [Test]
    public void LeftAtTheirDefaultsEveryEntryPointBuildsTheSameSettings()
    {
        var fromOptions = SettingsFrom(c => c.WriteTo.WorkflowTrace(new WorkflowTraceSinkOptions()));

        Assert.Multiple(() =>
        {
            Assert.That(SettingsDifferences.Between(SettingsFrom(c => c.WriteTo.WorkflowTrace()), fromOptions), Is.Empty, "the flat method");
            Assert.That(SettingsDifferences.Between(SettingsFrom(c => c.WriteTo.WorkflowTrace(_ => { })), fromOptions), Is.Empty, "the configure action");
            Assert.That(SettingsDifferences.Between(SettingsFrom(c => c.ReadFrom.Configuration(AppSettings.Parse(AppSettings.WithArgs("{}")))), fromOptions), Is.Empty, "appsettings.json");
        });
    }

    [Test]
    public void TheOptionsObjectsDefaultsAreTheDocumentedOnes()
    {
        var settings = SettingsFrom(c => c.WriteTo.WorkflowTrace(new WorkflowTraceSinkOptions()));

        Assert.Multiple(() =>
        {
            Assert.That(settings.Hosts, Is.EqualTo(new[] { new Uri(WorkflowTraceDefaults.Hosts) }));
            Assert.That(settings.IndexName, Is.EqualTo(WorkflowTraceDefaults.IndexName));
            Assert.That(settings.BufferSize, Is.EqualTo(WorkflowTraceDefaults.BufferSize));
            Assert.That(settings.FlushInterval, Is.EqualTo(WorkflowTraceDefaults.FlushInterval));
            Assert.That(settings.Timeout, Is.EqualTo(WorkflowTraceDefaults.Timeout));
            Assert.That(settings.RetryTimeLimit, Is.EqualTo(WorkflowTraceDefaults.RetryTimeLimit));
            Assert.That(settings.ShutdownTimeout, Is.EqualTo(WorkflowTraceDefaults.ShutdownTimeout));
            Assert.That(settings.Bootstrap.RefreshInterval, Is.EqualTo("1s"));
            Assert.That(settings.Bootstrap.Mode, Is.EqualTo(WorkflowTraceBootstrapMode.Silent));
            Assert.That(settings.VerifyCertificates, Is.True);
            Assert.That(settings.CompressRequests, Is.True);
        });
    }

    [Test]
    public void AnInvalidOptionIsRefusedNamingItsAppSettingsKey()
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new LoggerConfiguration().WriteTo.WorkflowTrace(new WorkflowTraceSinkOptions { BufferSize = 0 }));

        Assert.That(refused!.ParamName, Is.EqualTo("bufferSize"));
    }

    [Test]
    public void NoOptionsObjectIsRefusedNamingTheParameter()
    {
        var refused = Assert.Throws<ArgumentNullException>(() => new LoggerConfiguration().WriteTo.WorkflowTrace((WorkflowTraceSinkOptions)null!));

        Assert.That(refused!.ParamName, Is.EqualTo("options"));
    }
}
