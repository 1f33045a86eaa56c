using System.Globalization;
using System.Text;

namespace Serilog.Sinks.WorkflowTrace.Configuration;

/// <summary>
/// The index name, fixed (<c>workflow-traces</c>) or time-based (<c>workflow-traces-{0:yyyy.MM.dd}</c>, formatted
/// with each event's UTC timestamp, so one batch may write to several indices). Checked against Elasticsearch's
/// rules at configuration time for dates across the calendar, so a name it would reject is refused before any
/// event is written. Also derives the pattern the index template must match.
/// </summary>
sealed class IndexNameFormat
{
    static readonly DateTime[] SampleDates =
    [
        new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        new(2024, 2, 29, 13, 45, 30, DateTimeKind.Utc),
        new(2039, 12, 31, 23, 59, 59, DateTimeKind.Utc),
    ];

    readonly string _format;
    readonly string? _fixedName;
    long _lastSecond = long.MinValue;
    string _lastName = "";

    IndexNameFormat(string format, string? fixedName, string templatePattern, string baseName)
    {
        _format = format;
        _fixedName = fixedName;
        TemplatePattern = templatePattern;
        BaseName = baseName;
    }

    /// <summary>The pattern an index template needs to cover every name this format produces.</summary>
    public string TemplatePattern { get; }

    /// <summary>The fixed part of the name, for naming the template (<c>workflow-traces</c>).</summary>
    public string BaseName { get; }

    public bool IsTimeBased => _fixedName is null;

    public static IndexNameFormat Parse(string? indexName, string setting = "indexName")
    {
        if (string.IsNullOrWhiteSpace(indexName))
            throw SettingException.Invalid(setting, indexName, "an index name is required");

        if (!indexName.Contains('{') && !indexName.Contains('}'))
        {
            IndexNameRules.Validate(indexName, setting);
            return new IndexNameFormat(indexName, indexName, indexName, indexName);
        }

        foreach (var sample in SampleDates)
        {
            string formatted;
            try
            {
                formatted = string.Format(CultureInfo.InvariantCulture, indexName, sample);
            }
            catch (FormatException)
            {
                throw SettingException.Invalid(setting, indexName,
                    "a time-based index name takes the event's UTC time as {0} with a date format, for example \"workflow-traces-{0:yyyy.MM.dd}\"");
            }

            var problem = IndexNameRules.FindProblem(formatted);
            if (problem is not null)
                throw SettingException.Invalid(setting, indexName, $"for {sample:yyyy-MM-dd HH:mm:ss} it gives '{formatted}': {problem}");
        }

        var pattern = Pattern(indexName);
        var baseName = pattern.Split('*')[0].TrimEnd('-', '_', '.');
        if (baseName.Length == 0)
            throw SettingException.Invalid(setting, indexName, "a time-based index name needs a fixed prefix, for example \"workflow-traces-{0:yyyy.MM.dd}\"");
        return new IndexNameFormat(indexName, null, pattern, baseName);
    }

    /// <summary>The index for an event. Called from the batch thread only; consecutive events mostly share a name.</summary>
    public string IndexFor(DateTimeOffset timestamp)
    {
        if (_fixedName is not null)
            return _fixedName;
        var utc = timestamp.UtcDateTime;
        var second = utc.Ticks / TimeSpan.TicksPerSecond;
        if (second != _lastSecond)
        {
            _lastName = string.Format(CultureInfo.InvariantCulture, _format, utc);
            _lastSecond = second;
        }
        return _lastName;
    }

    static string Pattern(string format)
    {
        var pattern = new StringBuilder();
        var depth = 0;
        foreach (var c in format)
        {
            if (c == '{')
            {
                if (depth++ == 0 && (pattern.Length == 0 || pattern[^1] != '*'))
                    pattern.Append('*');
            }
            else if (c == '}')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0)
            {
                pattern.Append(c);
            }
        }
        return pattern.ToString();
    }
}
