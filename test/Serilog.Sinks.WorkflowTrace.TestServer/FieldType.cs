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
}
