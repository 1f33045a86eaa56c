using Serilog.Sinks.WorkflowTrace.Diagnostics;

namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>
/// The cluster's nodes, the way Elastic's transport keeps them: requests go round-robin over live nodes from a
/// randomised start; a node that fails is dead until <c>now + min(deadTimeout × 2^(0.5·(n−1)), maxDeadTimeout)</c>
/// for its n-th consecutive failure (60 s doubling every second failure, up to 30 min, by default); a dead node
/// whose time is up is offered with <see cref="NodeCandidate.NeedsPing"/> so it is pinged before it takes traffic
/// again; and when every node is dead the one that comes back soonest is still tried.
/// </summary>
sealed class NodePool : INodeStatusSource
{
    readonly ElasticsearchNode[] _nodes;
    readonly TimeSpan _deadTimeout;
    readonly TimeSpan _maxDeadTimeout;
    readonly TimeProvider _time;
    readonly object _gate = new();
    int _cursor;

    public NodePool(IReadOnlyList<Uri> nodes, TimeSpan deadTimeout, TimeSpan maxDeadTimeout, TimeProvider? time = null, bool randomizeStart = true)
    {
        if (nodes.Count == 0)
            throw new ArgumentException("At least one node is required.", nameof(nodes));
        _nodes = nodes.Select(uri => new ElasticsearchNode(uri)).ToArray();
        _deadTimeout = deadTimeout;
        _maxDeadTimeout = maxDeadTimeout;
        _time = time ?? TimeProvider.System;
        _cursor = randomizeStart && _nodes.Length > 1 ? Random.Shared.Next(_nodes.Length) : 0;
    }

    public int Count => _nodes.Length;

    /// <summary>Nodes that are alive now (a dead node whose time is up counts as dead until a ping succeeds).</summary>
    public int LiveCount
    {
        get
        {
            lock (_gate)
                return _nodes.Count(n => n.IsAlive);
        }
    }

    /// <summary>
    /// The nodes to try for one request, in order: from the next round-robin position, each live node and each
    /// dead node whose time-out has passed (to be pinged first). When none qualifies, the dead node that comes
    /// back soonest, tried anyway.
    /// </summary>
    public List<NodeCandidate> Candidates()
    {
        var now = _time.GetUtcNow();
        var result = new List<NodeCandidate>(_nodes.Length);
        lock (_gate)
        {
            var start = _cursor;
            _cursor = (_cursor + 1) % _nodes.Length;
            for (var i = 0; i < _nodes.Length; i++)
            {
                var node = _nodes[(start + i) % _nodes.Length];
                if (node.IsAlive)
                    result.Add(new NodeCandidate(node, NeedsPing: false));
                else if (node.DeadUntil <= now)
                    result.Add(new NodeCandidate(node, NeedsPing: true));
            }

            if (result.Count == 0)
                result.Add(new NodeCandidate(_nodes.MinBy(n => n.DeadUntil)!, NeedsPing: false));
        }

        return result;
    }

    /// <summary>The time-out of a node's n-th consecutive failure.</summary>
    public TimeSpan DeadTimeoutFor(int failedAttempts)
    {
        var factor = Math.Pow(2, 0.5 * (Math.Max(failedAttempts, 1) - 1));
        var ticks = Math.Min(_deadTimeout.Ticks * factor, _maxDeadTimeout.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    public void MarkDead(ElasticsearchNode node, string reason)
    {
        lock (_gate)
        {
            node.FailedAttempts++;
            node.DeadUntil = _time.GetUtcNow() + DeadTimeoutFor(node.FailedAttempts);
            node.LastFailure = reason;
        }
    }

    public void MarkAlive(ElasticsearchNode node)
    {
        lock (_gate)
        {
            node.FailedAttempts = 0;
            node.DeadUntil = default;
        }
    }

    /// <summary>A snapshot of every node's state.</summary>
    public IReadOnlyList<WorkflowTraceNodeStatus> Snapshot()
    {
        lock (_gate)
        {
            return _nodes.Select(n => new WorkflowTraceNodeStatus(
                n.Uri,
                n.IsAlive,
                n.IsAlive ? null : n.DeadUntil,
                n.FailedAttempts,
                n.IsAlive ? null : n.LastFailure)).ToArray();
        }
    }
}
