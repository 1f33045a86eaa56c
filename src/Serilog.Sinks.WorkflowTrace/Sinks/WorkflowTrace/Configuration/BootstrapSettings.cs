namespace Serilog.Sinks.WorkflowTrace.Configuration;

/// <summary>Validated bootstrap options of one sink.</summary>
sealed record BootstrapSettings
{
    public WorkflowTraceBootstrapMode Mode { get; init; } = WorkflowTraceBootstrapMode.Silent;
    public required string TemplateName { get; init; }
    public required string TemplatePattern { get; init; }
    public int Shards { get; init; } = 1;
    public int Replicas { get; init; }
    public string RefreshInterval { get; init; } = "1s";
    public int Priority { get; init; } = 200;
    public bool DataStream { get; init; }

    /// <summary>How long documents are kept; null for no lifecycle policy.</summary>
    public TimeSpan? Retention { get; init; }

    /// <summary>The lifecycle policy's name: the template's.</summary>
    public string PolicyName => TemplateName + "-policy";
}
