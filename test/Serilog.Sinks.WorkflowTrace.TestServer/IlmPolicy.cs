using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>An index lifecycle (ILM) policy as Elasticsearch stores it: normalised, versioned, dated.</summary>
internal sealed record IlmPolicy(string Name, long Version, DateTimeOffset ModifiedAt, JsonObject Policy);
