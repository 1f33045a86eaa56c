namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>The cluster's health, as <c>_cluster/health</c> reports it.</summary>
/// <param name="ClusterName">The cluster's name.</param>
/// <param name="Status"><c>green</c>, <c>yellow</c> or <c>red</c>.</param>
/// <param name="NumberOfNodes">Nodes in the cluster.</param>
/// <param name="ActiveShards">Active shards.</param>
/// <param name="UnassignedShards">Shards not assigned to any node.</param>
public sealed record ClusterHealth(string ClusterName, string Status, int NumberOfNodes, int ActiveShards, int UnassignedShards);
