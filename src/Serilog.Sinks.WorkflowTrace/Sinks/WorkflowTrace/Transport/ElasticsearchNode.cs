namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>
/// One node of the pool and its health: alive, or dead until a time after which it is pinged before it takes
/// traffic again. Mutated only under the pool's lock.
/// </summary>
sealed class ElasticsearchNode
{
    public ElasticsearchNode(Uri uri) => Uri = uri;

    public Uri Uri { get; }

    /// <summary>Consecutive failures; zero for a live node.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>Until when a dead node is kept out of rotation.</summary>
    public DateTimeOffset DeadUntil { get; set; }

    /// <summary>Why the node was last marked dead, for the status snapshot.</summary>
    public string? LastFailure { get; set; }

    public bool IsAlive => FailedAttempts == 0;
}
