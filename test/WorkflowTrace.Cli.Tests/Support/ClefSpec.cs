using System.Globalization;
using System.Text;
using System.Text.Json;
using Serilog.Parsing;

namespace WorkflowTrace.Cli.Tests.Support;

/// <summary>
/// Checks a line against CLEF as Serilog.Formatting.Compact specifies it: a JSON object; <c>@t</c> required, an
/// ISO 8601 time; <c>@mt</c> a message template (or <c>@m</c>); <c>@l</c> absent for Information or one of Serilog's
/// level names; <c>@x</c> text; no other name starting with a single <c>@</c> than CLEF's own (a property's leading
/// <c>@</c> is doubled). Fails the test with the line and the rule it breaks.
/// </summary>
static class ClefSpec
{
    static readonly HashSet<string> Reserved = ["@t", "@m", "@mt", "@l", "@x", "@i", "@r", "@tr", "@sp"];
    static readonly HashSet<string> Levels = ["Verbose", "Debug", "Warning", "Error", "Fatal"];

    public static JsonElement Check(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement.Clone();
        Assert.That(root.ValueKind, Is.EqualTo(JsonValueKind.Object), line);
        Assert.That(root.TryGetProperty("@t", out var t) && t.ValueKind == JsonValueKind.String, Is.True, $"no @t: {line}");
        Assert.That(DateTimeOffset.TryParseExact(t.GetString(), "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), Is.True, $"@t is not ISO 8601: {line}");
        Assert.That(root.TryGetProperty("@mt", out var mt) && mt.ValueKind == JsonValueKind.String, Is.True, $"no @mt: {line}");
        if (root.TryGetProperty("@l", out var l))
            Assert.That(Levels, Does.Contain(l.GetString()), $"@l is not a Serilog level other than Information: {line}");
        if (root.TryGetProperty("@x", out var x))
            Assert.That(x.ValueKind, Is.EqualTo(JsonValueKind.String), line);
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name.StartsWith('@') && !property.Name.StartsWith("@@", StringComparison.Ordinal))
                Assert.That(Reserved, Does.Contain(property.Name), $"'{property.Name}' is not CLEF's own and is not escaped: {line}");
        }
        return root;
    }

    /// <summary>
    /// <c>@mt</c> rendered with the event's properties as the sink renders a message (strings without quotes): what a
    /// CLEF tool shows, and what a replay writes as <c>message</c>.
    /// </summary>
    public static string Render(JsonElement clef)
    {
        var text = new StringBuilder();
        foreach (var token in new MessageTemplateParser().Parse(clef.GetProperty("@mt").GetString()!).Tokens)
        {
            if (token is TextToken literal)
            {
                text.Append(literal.Text);
                continue;
            }

            var hole = (PropertyToken)token;
            var name = hole.PropertyName.StartsWith('@') ? "@" + hole.PropertyName : hole.PropertyName;
            if (!clef.TryGetProperty(name, out var value))
                text.Append(hole.ToString());
            else
                text.Append(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText());
        }
        return text.ToString();
    }
}
