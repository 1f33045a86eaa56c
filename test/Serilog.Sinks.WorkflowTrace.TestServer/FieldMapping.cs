using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>One mapped field: its kind, the type name Elasticsearch shows, and what the fake acts on.</summary>
internal sealed record FieldMapping(FieldType Type, string TypeName)
{
    /// <summary>Text fields mapped dynamically get <c>fields.keyword</c> (ignore_above 256).</summary>
    public bool KeywordSubfield { get; init; }

    /// <summary>Keyword values longer than this are stored but not indexed.</summary>
    public int IgnoreAbove { get; init; } = int.MaxValue;

    /// <summary><c>true</c>, <c>false</c> or <c>strict</c> for objects that set it; null inherits.</summary>
    public string? Dynamic { get; init; }

    /// <summary>False for an object with <c>enabled: false</c>: its content is kept in <c>_source</c> but never parsed.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The field an alias stands for.</summary>
    public string? Path { get; init; }

    /// <summary>A date field's <c>format</c>.</summary>
    public DateFormat DateFormat { get; init; } = DateFormat.Default;

    /// <summary>The definition as the mapping gave it (without <c>properties</c>), shown back by <c>GET _mapping</c>; null for dynamic fields.</summary>
    public JsonObject? Definition { get; init; }

    public static FieldMapping Object(string? dynamic = null) => new(FieldType.Object, "object") { Dynamic = dynamic };

    public static FieldMapping DynamicText() => new(FieldType.Text, "text") { KeywordSubfield = true };

    public static FieldMapping Of(FieldType type) => type switch
    {
        FieldType.Object => Object(),
        FieldType.Long => new(type, "long"),
        FieldType.Float => new(type, "float"),
        FieldType.Boolean => new(type, "boolean"),
        FieldType.Text => DynamicText(),
        FieldType.Keyword => new(type, "keyword"),
        FieldType.Date => new(type, "date"),
        FieldType.Ip => new(type, "ip"),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
