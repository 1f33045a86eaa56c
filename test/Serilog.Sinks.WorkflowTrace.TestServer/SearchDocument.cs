using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>A stored document as queries see it.</summary>
internal sealed record SearchDocument(FakeIndex Index, IndexedDocument Stored, JsonNode Source);
