using System.Globalization;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>An index, or a data stream with its single backing index: one shard, one unassigned replica.</summary>
internal sealed class FakeIndex
{
    private long _nextSeqNo;

    public FakeIndex(string name, bool isDataStream, IndexMapping mapping, DateTimeOffset createdAt)
    {
        Name = name;
        IsDataStream = isDataStream;
        Mapping = mapping;
        CreatedAt = createdAt;
        ConcreteName = isDataStream
            ? string.Create(CultureInfo.InvariantCulture, $".ds-{name}-{createdAt:yyyy.MM.dd}-000001")
            : name;
    }

    /// <summary>The name clients use: the index or the data stream.</summary>
    public string Name { get; }

    /// <summary>The index holding the documents: <see cref="Name"/>, or the data stream's backing index.</summary>
    public string ConcreteName { get; }

    public bool IsDataStream { get; }

    public string Uuid { get; } = RandomIds.Uuid();

    public DateTimeOffset CreatedAt { get; }

    public IndexMapping Mapping { get; }

    /// <summary>The index's settings, flat, as <c>GET _settings</c> shows them (without the ones the server adds on reading).</summary>
    public IndexSettings Settings { get; set; } = IndexSettings.Empty;

    /// <summary>Aliases from templates and the create request; <c>{index}</c> in a name stands for the concrete index.</summary>
    public System.Text.Json.Nodes.JsonObject Aliases { get; init; } = [];

    /// <summary>The composable template the index was created from, if any.</summary>
    public string? TemplateName { get; init; }

    public Dictionary<string, IndexedDocument> Documents { get; } = new(StringComparer.Ordinal);

    public long NextSeqNo() => _nextSeqNo++;
}
