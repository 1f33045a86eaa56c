using System.Globalization;
using Microsoft.Extensions.Configuration;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace;
using Serilog.Sinks.WorkflowTrace.AppSettingsBinding;
using Serilog.Sinks.WorkflowTrace.Reading;

namespace WorkflowTrace.Cli.Infrastructure;

/// <summary>
/// The effective connection: each of the sink's appsettings.json keys taken from the first place that gives it —
/// a flag, a <c>WORKFLOWTRACE_*</c> variable, the <c>--config</c> file's WorkflowTrace entry — else its default; then
/// converted by the sink's own conversion, so a bad value is refused with the sink's message.
/// </summary>
static class ConnectionResolver
{
    static readonly HashSet<string> Secrets = new(StringComparer.Ordinal) { "password", "apiKey", "bearerToken", "clientCertificatePassword" };

    /// <summary>The options, and where each setting given came from (secrets masked).</summary>
    /// <exception cref="ArgumentException">A value is refused; the message names it and where it came from.</exception>
    public static (WorkflowTraceSinkOptions Options, IReadOnlyList<SettingSource> Sources) Resolve(ConnectionSettings flags, CliEnvironment environment)
    {
        var given = new Dictionary<string, (string Value, string Source)>(StringComparer.Ordinal);
        if (flags.Config is { } path)
        {
            var full = Path.GetFullPath(path, environment.CurrentDirectory);
            if (!File.Exists(full))
                throw new ArgumentException($"--config: no file at {full}", "--config");
            var configuration = new ConfigurationBuilder().AddJsonFile(full, optional: false).Build();
            var args = SinkConfigurationEntry.FindArgs(configuration, "Serilog");
            foreach (var arg in args?.GetChildren() ?? [])
            {
                if (arg.Value is { } value)
                    given[arg.Key] = (Environment.ExpandEnvironmentVariables(value), $"config {Path.GetFileName(full)}");
            }
        }

        foreach (var (variable, setting) in ConnectionVariables.All)
        {
            if (environment.Variable(variable) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value))
                given[setting] = (value, $"env {variable}");
        }

        foreach (var (setting, flag, value) in flags.Flags())
            given[setting] = (value, $"flag {flag}");

        WorkflowTraceSinkOptions options;
        try
        {
            options = AppSettingsArgs.Bind(p => p.ParameterType == typeof(string) && given.TryGetValue(p.Name!, out var v) ? v.Value : null);
        }
        catch (ArgumentException refused) when (refused.ParamName is { } setting && given.TryGetValue(setting, out var source))
        {
            throw new ArgumentException($"{source.Source}: {refused.Message}", setting, refused);
        }

        var sources = AppSettingsArgs.Parameters
            .Where(p => p.ParameterType == typeof(string))
            .Select(p => given.TryGetValue(p.Name!, out var v)
                ? new SettingSource(p.Name!, Show(p.Name!, v.Value), v.Source)
                : new SettingSource(p.Name!, Default(p.Name!) ?? "(none)", "default"))
            .Where(s => s.Source != "default" || s.Setting is "hosts" or "indexName" or "timeout" or "maxRetries")
            .ToList();
        return (options, sources);
    }

    /// <summary>
    /// The sink's own default of a setting shown when none is given: the appsettings parameters are strings whose
    /// default is null (meaning "the sink's default"), so the value comes from <see cref="WorkflowTraceDefaults"/>.
    /// </summary>
    static string? Default(string setting) => setting switch
    {
        "hosts" => WorkflowTraceDefaults.Hosts,
        "indexName" => WorkflowTraceDefaults.IndexName,
        "timeout" => WorkflowTraceDefaults.Timeout.ToString("c", CultureInfo.InvariantCulture),
        "maxRetries" => WorkflowTraceDefaults.MaxRetries.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>
    /// A value as shown: secrets masked; host URLs as the sink itself reads them (its own parser, which knows that a
    /// password may hold ',' or ';'), without their credentials.
    /// </summary>
    public static string Show(string setting, string value)
    {
        if (Secrets.Contains(setting))
            return "***";
        if (setting != "hosts")
            return value;
        var (hosts, credentials) = HostListParser.ParseWithCredentials(value, null);
        return string.Join(",", hosts.Select(host => credentials is null
            ? host.ToString().TrimEnd('/')
            : $"{host.Scheme}://***@{host.Authority}{host.AbsolutePath.TrimEnd('/')}"));
    }
}
