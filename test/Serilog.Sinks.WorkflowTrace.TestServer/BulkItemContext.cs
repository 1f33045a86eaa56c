using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>What an item-failure rule is told about one bulk item.</summary>
/// <param name="Position">Zero-based position of the item in the bulk request (the position of its answer in <c>items</c>).</param>
/// <param name="Action">The action: <c>index</c>, <c>create</c>, <c>update</c> or <c>delete</c>.</param>
/// <param name="Index">The target index or data stream (the action line's <c>_index</c>, else the path's).</param>
/// <param name="Id">The <c>_id</c> as sent, or null when Elasticsearch would generate one.</param>
/// <param name="Document">The document line (for <c>update</c>, the whole update body); undefined for <c>delete</c>.</param>
public sealed record BulkItemContext(int Position, string Action, string Index, string? Id, JsonElement Document);
