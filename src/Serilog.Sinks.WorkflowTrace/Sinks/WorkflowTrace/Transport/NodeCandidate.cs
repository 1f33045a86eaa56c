namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>A node to try for one request; <see cref="NeedsPing"/> when it is dead and its time-out is up.</summary>
readonly record struct NodeCandidate(ElasticsearchNode Node, bool NeedsPing);
