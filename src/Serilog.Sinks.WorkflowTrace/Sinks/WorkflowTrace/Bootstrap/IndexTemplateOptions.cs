namespace Serilog.Sinks.WorkflowTrace.Bootstrap;

/// <summary>What the index template declares: its name and patterns, the Python handler's index settings, its priority.</summary>
sealed record IndexTemplateOptions
{
    public required string Name { get; init; }
    public required IReadOnlyList<string> Patterns { get; init; }
    public int Shards { get; init; } = 1;
    public int Replicas { get; init; }
    public string RefreshInterval { get; init; } = "1s";

    /// <summary>Above Elasticsearch's built-in <c>logs-*-*</c> template (100), so a <c>logs-...</c> name still works.</summary>
    public int Priority { get; init; } = 200;

    public bool DataStream { get; init; }

    /// <summary>An ILM (Elasticsearch) policy the indices are put under, through <c>index.lifecycle.name</c>.</summary>
    public string? LifecyclePolicyName { get; init; }

    /// <summary>Data stream lifecycle retention (serverless), as Elasticsearch writes durations: <c>30d</c>.</summary>
    public string? DataRetention { get; init; }
}
