using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>What templates and a create request add up to for a new index.</summary>
internal sealed record ResolvedIndex(IndexMapping Mapping, IndexSettings Settings, JsonObject Aliases, bool DataStream, ComposableTemplate? Template);
