using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// An OpenSearch index state management policy: a document of <c>.opendistro-ism-config</c>, so it has a version,
/// a sequence number and a primary term, and writes to it are checked against them.
/// </summary>
internal sealed record IsmPolicy(string Id, long Version, long SeqNo, JsonObject Policy);
