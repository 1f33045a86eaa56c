namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>One parsed bulk item: the action line's metadata and its document line.</summary>
internal sealed class BulkOperation
{
    public required string Action { get; init; }

    public required int Line { get; init; }

    public string? Index { get; set; }

    public string? Id { get; set; }

    public string? OpType { get; set; }

    public long? Version { get; set; }

    public string VersionType { get; set; } = "internal";

    public long? IfSeqNo { get; set; }

    public long? IfPrimaryTerm { get; set; }

    public string? Pipeline { get; set; }

    public bool RequireAlias { get; set; }

    public Dictionary<string, string> DynamicTemplates { get; set; } = [];

    /// <summary>The document line of index and create (without a trailing carriage return).</summary>
    public byte[] Source { get; set; } = [];

    public UpdateSpec? Update { get; set; }

    /// <summary>An index action with op_type create is a create, and answers under "create".</summary>
    public bool IsCreate => Action == "create" || (Action == "index" && OpType == "create");

    public string ResponseKey => IsCreate ? "create" : Action;
}
