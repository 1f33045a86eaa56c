using System.Text;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Index and data stream naming rules (MetadataCreateIndexService.validateIndexOrAliasName).</summary>
internal static class IndexNames
{
    private static readonly char[] InvalidFileNameChars = ['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ','];

    // The patterns of the index templates Elasticsearch installs itself, all of which create data streams.
    private static readonly string[] BuiltInDataStreamPatterns = ["logs-*-*", "metrics-*-*", "synthetics-*-*"];

    /// <summary>Why <paramref name="name"/> cannot name an index, or null when it can.</summary>
    public static string? Problem(string name)
    {
        if (name.IndexOfAny(InvalidFileNameChars) >= 0)
        {
            // The set as Elasticsearch prints it.
            return "must not contain the following characters [ , \", *, \\, <, |, ,, >, /, ?]";
        }

        if (name.Length == 0)
        {
            return "must not be empty";
        }

        if (name.Contains('#'))
        {
            return "must not contain '#'";
        }

        if (name.Contains(':'))
        {
            return "must not contain ':'";
        }

        if (name[0] is '_' or '-' or '+')
        {
            return "must not start with '_', '-', or '+'";
        }

        var bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > 255)
        {
            return $"index name is too long, ({bytes} > 255)";
        }

        if (name is "." or "..")
        {
            return "must not be '.' or '..'";
        }

        return name.ToLowerInvariant() == name ? null : "must be lowercase";
    }

    /// <summary>The built-in template pattern <paramref name="name"/> matches, or null.</summary>
    public static string? DataStreamTemplatePattern(string name) =>
        BuiltInDataStreamPatterns.FirstOrDefault(p => Wildcard.Matches(p, name));

    /// <summary>Hidden and system indices start with a dot; wildcards skip them unless the pattern starts with one.</summary>
    public static bool IsHidden(string name) => name.StartsWith('.');
}
