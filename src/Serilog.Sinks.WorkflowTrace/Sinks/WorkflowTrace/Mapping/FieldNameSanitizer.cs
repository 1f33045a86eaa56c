namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// Makes property and dictionary-key names acceptable to Elasticsearch as field names. Elasticsearch rejects a
/// document whose field name is empty or whitespace, or begins, ends or doubles a dot; and it expands any dot into
/// object nesting, which makes <c>a</c> and <c>a.b</c> conflict. So: dots become underscores, empty names become
/// <c>_empty</c>, lone surrogates become U+FFFD.
/// </summary>
static class FieldNameSanitizer
{
    public const string EmptyName = "_empty";

    public static string Sanitize(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return EmptyName;

        if (name.Contains('.'))
            name = name.Replace('.', '_');

        return SafeText.NeedsRepair(name) ? SafeText.Repair(name) : name;
    }
}
