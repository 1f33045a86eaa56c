using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>One aggregation of a search body: its name, its type (<c>terms</c>, <c>composite</c>, ...), its own body and its sub-aggregations.</summary>
internal sealed record AggregationSpec(string Name, string Type, JsonObject Body, IReadOnlyList<AggregationSpec> Children);
