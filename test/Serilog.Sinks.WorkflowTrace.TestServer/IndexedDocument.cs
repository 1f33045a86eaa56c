namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>A document held by a <see cref="FakeIndex"/>.</summary>
internal sealed class IndexedDocument
{
    public required string Id { get; init; }

    /// <summary>Position in <see cref="FakeElasticsearch.Documents"/>: when the id was first written.</summary>
    public required long Order { get; init; }

    public required string SourceJson { get; set; }

    public long Version { get; set; }

    public long SeqNo { get; set; }
}
