using System.Globalization;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// The product and version read once from <see cref="FakeElasticsearchOptions.RootResponseJson"/>, and what that
/// server has: which template, lifecycle and data stream APIs, which settings, which headers.
/// </summary>
internal sealed record ServerProfile(ServerKind Kind, Version Version)
{
    /// <summary><c>version.number</c> as the root body gives it.</summary>
    public string Number { get; init; } = Version.ToString();

    /// <summary><c>version.build_hash</c>, which Elasticsearch puts in its warning headers.</summary>
    public string BuildHash { get; init; } = "00000000";

    /// <summary>What a root body that cannot be read stands for: the default, Elasticsearch 9.1.0.</summary>
    public static readonly ServerProfile Default = new(ServerKind.Elasticsearch, new Version(9, 1, 0));

    public bool IsElasticsearch => Kind == ServerKind.Elasticsearch;

    public bool IsServerless => Kind == ServerKind.Serverless;

    public bool IsOpenSearch => Kind == ServerKind.OpenSearch;

    /// <summary>Composable <c>_index_template</c>: Elasticsearch 7.8+, serverless, every OpenSearch.</summary>
    public bool HasComposableTemplates => !IsElasticsearch || AtLeast(7, 8);

    /// <summary>Data streams (and <c>data_stream</c> in templates): Elasticsearch 7.9+, serverless, every OpenSearch.</summary>
    public bool HasDataStreams => !IsElasticsearch || AtLeast(7, 9);

    /// <summary>Legacy <c>_template</c>: everywhere but serverless.</summary>
    public bool HasLegacyTemplates => !IsServerless;

    /// <summary>Index lifecycle management (<c>_ilm</c>): Elasticsearch only.</summary>
    public bool HasIlm => IsElasticsearch;

    /// <summary>Index state management (<c>_plugins/_ism</c>): OpenSearch only.</summary>
    public bool HasIsm => IsOpenSearch;

    /// <summary>Data stream lifecycle (<c>template.lifecycle</c>): Elasticsearch 8.11+ and serverless.</summary>
    public bool HasDataStreamLifecycle => IsServerless || (IsElasticsearch && AtLeast(8, 11));

    /// <summary><c>in_use_by</c> in ILM policies: Elasticsearch 7.11+.</summary>
    public bool ReportsPolicyUsage => IsElasticsearch && AtLeast(7, 11);

    /// <summary><c>created_date_millis</c>/<c>modified_date_millis</c> on composable templates: Elasticsearch 9.1+ and serverless.</summary>
    public bool StampsTemplates => IsServerless || (IsElasticsearch && AtLeast(9, 1));

    /// <summary><c>X-Elastic-Product: Elasticsearch</c> on every answer: Elasticsearch 7.14+ and serverless, never OpenSearch.</summary>
    public bool SendsProductHeader => IsServerless || (IsElasticsearch && AtLeast(7, 14));

    /// <summary>Item errors of documents that do not fit the mapping: <c>document_parsing_exception</c> from 8.8, before that (and in OpenSearch) <c>mapper_parsing_exception</c>.</summary>
    public string DocumentParsingType => IsOpenSearch || (IsElasticsearch && !AtLeast(8, 8)) ? "mapper_parsing_exception" : "document_parsing_exception";

    /// <summary>Whether new indices get <c>index.routing.allocation.include._tier_preference</c>: Elasticsearch 7.10+ and serverless.</summary>
    public bool SetsTierPreference => IsServerless || (IsElasticsearch && AtLeast(7, 10));

    public bool AtLeast(int major, int minor) => Version >= new Version(major, minor);

    /// <summary>A deprecation or advice header as the server sends it: <c>Warning: 299 Elasticsearch-9.1.0-hash "..."</c>.</summary>
    public KeyValuePair<string, string> Warning(string message) =>
        new("Warning", $"299 {(IsOpenSearch ? "OpenSearch" : "Elasticsearch")}-{Number}-{BuildHash} \"{message.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");

    /// <summary>Reads <c>version.number</c>, <c>version.distribution</c> and <c>version.build_flavor</c>.</summary>
    public static ServerProfile Parse(string rootResponseJson)
    {
        try
        {
            using var document = JsonDocument.Parse(rootResponseJson);
            if (!document.RootElement.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Object
                || !version.TryGetProperty("number", out var number) || number.ValueKind != JsonValueKind.String
                || ParseVersion(number.GetString()!) is not { } parsed)
            {
                return Default;
            }

            var hash = version.TryGetProperty("build_hash", out var buildHash) && buildHash.ValueKind == JsonValueKind.String
                ? buildHash.GetString()!
                : "unknown";
            var kind = version.TryGetProperty("distribution", out var distribution) && distribution.ValueKind == JsonValueKind.String
                && distribution.GetString() == "opensearch"
                ? ServerKind.OpenSearch
                : version.TryGetProperty("build_flavor", out var flavor) && flavor.ValueKind == JsonValueKind.String && flavor.GetString() == "serverless"
                    ? ServerKind.Serverless
                    : ServerKind.Elasticsearch;
            return new ServerProfile(kind, parsed) { Number = number.GetString()!, BuildHash = hash };
        }
        catch (JsonException)
        {
            // A deliberately broken root body (to test a client's detection) leaves the server as the default.
            return Default;
        }
    }

    private static Version? ParseVersion(string number)
    {
        var parts = number.Split('-', '+')[0].Split('.');
        var numbers = new List<int>();
        foreach (var part in parts.Take(3))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            numbers.Add(value);
        }

        return numbers.Count switch
        {
            1 => new Version(numbers[0], 0, 0),
            2 => new Version(numbers[0], numbers[1], 0),
            _ => new Version(numbers[0], numbers[1], numbers[2]),
        };
    }
}
