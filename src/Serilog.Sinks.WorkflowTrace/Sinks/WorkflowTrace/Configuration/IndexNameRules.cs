using System.Text;

namespace Serilog.Sinks.WorkflowTrace.Configuration;

/// <summary>
/// Elasticsearch's rules for index names, checked at configuration time so a bad name is an exception at
/// start-up instead of every document failing later.
/// </summary>
static class IndexNameRules
{
    const string ForbiddenCharacters = "\\/*?\"<>|,# ";
    const int MaxBytes = 255;

    public static string Validate(string? indexName, string setting = "indexName")
    {
        if (string.IsNullOrWhiteSpace(indexName))
            throw SettingException.Invalid(setting, indexName, "an index name is required");

        var problem = FindProblem(indexName);
        if (problem is not null)
            throw SettingException.Invalid(setting, indexName, problem);

        return indexName;
    }

    /// <summary>Returns why Elasticsearch would reject the name, or null when it is acceptable.</summary>
    public static string? FindProblem(string indexName)
    {
        foreach (var c in indexName)
        {
            if (char.IsUpper(c))
                return "Elasticsearch index names must be lowercase";
            if (ForbiddenCharacters.Contains(c))
                return $"Elasticsearch index names must not contain '{c}' (nor any of \\ / * ? \" < > | , # or a space)";
            if (char.IsControl(c))
                return "Elasticsearch index names must not contain control characters";
        }

        if (indexName[0] is '-' or '_' or '+')
            return $"Elasticsearch index names must not start with '{indexName[0]}'";
        if (indexName is "." or "..")
            return "'.' and '..' are not valid Elasticsearch index names";
        if (indexName.Contains(':'))
            return "Elasticsearch index names must not contain ':' (it denotes a remote cluster)";
        if (Encoding.UTF8.GetByteCount(indexName) > MaxBytes)
            return $"Elasticsearch index names must be at most {MaxBytes} bytes long";
        return null;
    }
}
