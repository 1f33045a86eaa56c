namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>The field kinds the fake's mapping distinguishes.</summary>
internal enum FieldType
{
    Object,
    Long,
    Float,
    Boolean,
    Text,
    Keyword,
    Date,
    Ip,

    /// <summary>A field alias: another field under a second name, never written to.</summary>
    Alias,
}
