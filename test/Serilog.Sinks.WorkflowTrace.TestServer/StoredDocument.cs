using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>A document the fake accepted and currently holds.</summary>
/// <param name="Index">The index or data stream name the document was written to.</param>
/// <param name="Id">The document id (generated when the request gave none).</param>
/// <param name="SourceJson">The source as stored: the bytes sent, or the merged result of an update.</param>
public sealed record StoredDocument(string Index, string Id, string SourceJson)
{
    /// <summary>The parsed source.</summary>
    public JsonElement Source { get; } = Parse(SourceJson);

    /// <summary>Compares by index, id and source text (the parsed element has no value equality).</summary>
    public bool Equals(StoredDocument? other) =>
        other is not null && Index == other.Index && Id == other.Id && SourceJson == other.SourceJson;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Index, Id, SourceJson);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
