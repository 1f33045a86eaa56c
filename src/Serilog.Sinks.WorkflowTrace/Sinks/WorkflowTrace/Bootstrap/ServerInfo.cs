using System.Globalization;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Bootstrap;

/// <summary>
/// Which server the sink talks to, read from <c>GET /</c>: Elasticsearch 7.x–9.x (<c>build_flavor: default</c>),
/// Elasticsearch serverless (<c>build_flavor: serverless</c>) or OpenSearch 1–3 (<c>version.distribution:
/// opensearch</c>). It decides which template API, lifecycle API and settings the bootstrapper may use.
/// </summary>
sealed record ServerInfo(ServerKind Kind, Version Version)
{
    public static readonly ServerInfo Unknown = new(ServerKind.Unknown, new Version(0, 0));

    /// <summary>Composable <c>_index_template</c> exists from Elasticsearch 7.8 and in every OpenSearch.</summary>
    public bool SupportsComposableTemplates => Kind switch
    {
        ServerKind.Elasticsearch => Version >= new Version(7, 8),
        ServerKind.ElasticsearchServerless or ServerKind.OpenSearch => true,
        _ => false,
    };

    /// <summary>Data streams exist from Elasticsearch 7.9 and OpenSearch 1.0.</summary>
    public bool SupportsDataStreams => Kind switch
    {
        ServerKind.Elasticsearch => Version >= new Version(7, 9),
        ServerKind.ElasticsearchServerless or ServerKind.OpenSearch => true,
        _ => false,
    };

    /// <summary>Elasticsearch 7.0 and later (typeless mappings), any serverless project, OpenSearch 1 and later.</summary>
    public bool IsSupported => Kind switch
    {
        ServerKind.Elasticsearch => Version.Major >= 7,
        ServerKind.ElasticsearchServerless or ServerKind.OpenSearch => true,
        _ => false,
    };

    /// <summary>Serverless manages shards and replicas itself and refuses those settings.</summary>
    public bool AcceptsShardSettings => Kind != ServerKind.ElasticsearchServerless;

    public override string ToString() => Kind switch
    {
        ServerKind.Elasticsearch => $"Elasticsearch {Version}",
        ServerKind.ElasticsearchServerless => $"Elasticsearch serverless {Version}",
        ServerKind.OpenSearch => $"OpenSearch {Version}",
        _ => "an unknown server",
    };

    /// <summary>Reads a root-endpoint answer; an answer that is not a known server's gives <see cref="Unknown"/>.</summary>
    public static ServerInfo Parse(ReadOnlySpan<byte> rootResponse)
    {
        try
        {
            using var document = JsonDocument.Parse(rootResponse.ToArray());
            if (!document.RootElement.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Object)
                return Unknown;
            var number = version.TryGetProperty("number", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            var parsed = ParseVersion(number);
            if (parsed is null)
                return Unknown;

            if (version.TryGetProperty("distribution", out var distribution) && distribution.ValueKind == JsonValueKind.String &&
                string.Equals(distribution.GetString(), "opensearch", StringComparison.OrdinalIgnoreCase))
                return new ServerInfo(ServerKind.OpenSearch, parsed);

            if (version.TryGetProperty("build_flavor", out var flavor) && flavor.ValueKind == JsonValueKind.String &&
                string.Equals(flavor.GetString(), "serverless", StringComparison.OrdinalIgnoreCase))
                return new ServerInfo(ServerKind.ElasticsearchServerless, parsed);

            return new ServerInfo(ServerKind.Elasticsearch, parsed);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return Unknown;
        }
    }

    /// <summary>"8.15.0", "9.1.0-SNAPSHOT", "7.10.2" → a <see cref="Version"/>; anything else → null.</summary>
    static Version? ParseVersion(string? number)
    {
        if (string.IsNullOrWhiteSpace(number))
            return null;
        var core = number.Split('-', '+')[0];
        var parts = core.Split('.');
        var numbers = new int[Math.Min(parts.Length, 3)];
        for (var i = 0; i < numbers.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
                return null;
        }
        return numbers.Length switch
        {
            1 => new Version(numbers[0], 0),
            2 => new Version(numbers[0], numbers[1]),
            _ => new Version(numbers[0], numbers[1], numbers[2]),
        };
    }
}
