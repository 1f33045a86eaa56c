using System.ComponentModel;
using Spectre.Console.Cli;

namespace WorkflowTrace.Cli.Infrastructure;

/// <summary>
/// The connection options every command takes. Precedence: these flags, then the <c>WORKFLOWTRACE_*</c> environment
/// variables, then the sink's entry in the <c>--config</c> appsettings.json, then the sink's defaults.
/// </summary>
class ConnectionSettings : CommandSettings
{
    [CommandOption("--url <URL>")]
    [Description("Elasticsearch URL(s), comma-separated (env WORKFLOWTRACE_ES_URL; default http://localhost:9200)")]
    public string? Url { get; init; }

    [CommandOption("--username <NAME>")]
    [Description("Basic-auth user (env WORKFLOWTRACE_USERNAME)")]
    public string? Username { get; init; }

    [CommandOption("--password <PASSWORD>")]
    [Description("Basic-auth password (env WORKFLOWTRACE_PASSWORD)")]
    public string? Password { get; init; }

    [CommandOption("--api-key <KEY>")]
    [Description("API key (env WORKFLOWTRACE_API_KEY)")]
    public string? ApiKey { get; init; }

    [CommandOption("--index <NAME>")]
    [Description("Trace index name as the sink's indexName, e.g. workflow-traces-{0:yyyy.MM.dd} (env WORKFLOWTRACE_INDEX; default workflow-traces)")]
    public string? Index { get; init; }

    [CommandOption("--timeout <DURATION>")]
    [Description("Request timeout, hh:mm:ss (env WORKFLOWTRACE_TIMEOUT)")]
    public string? Timeout { get; init; }

    [CommandOption("--config <PATH>")]
    [Description("An appsettings.json holding the sink's Serilog WriteTo entry; its connection settings are used")]
    public string? Config { get; init; }

    [CommandOption("--verbose")]
    [Description("Show each request made to Elasticsearch (method, path, status, time) on standard error")]
    public bool Verbose { get; init; }

    /// <summary>The flags given, as the sink's appsettings.json keys.</summary>
    public IEnumerable<(string Setting, string Flag, string Value)> Flags()
    {
        if (Url is not null) yield return ("hosts", "--url", Url);
        if (Username is not null) yield return ("username", "--username", Username);
        if (Password is not null) yield return ("password", "--password", Password);
        if (ApiKey is not null) yield return ("apiKey", "--api-key", ApiKey);
        if (Index is not null) yield return ("indexName", "--index", Index);
        if (Timeout is not null) yield return ("timeout", "--timeout", Timeout);
    }
}
