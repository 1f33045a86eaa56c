namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>One answer of a search read by <see cref="SearchHitsReader"/>: its entries and what the next request needs.</summary>
sealed class SearchPage
{
    /// <summary>The hits read as entries, in the answer's order (malformed ones left out and reported).</summary>
    public List<TraceEntry> Entries { get; } = [];

    /// <summary>How many hits the answer held, malformed ones included: fewer than the page size means the last page.</summary>
    public int Hits { get; set; }

    /// <summary>The last hit's <c>sort</c> values as raw JSON (an array), for <c>search_after</c>; null without hits or sort.</summary>
    public string? LastSort { get; set; }

    /// <summary><c>pit_id</c> of the answer (the point in time to use next), when it has one.</summary>
    public string? PitId { get; set; }

    /// <summary><c>_scroll_id</c> of the answer, when it has one.</summary>
    public string? ScrollId { get; set; }

    /// <summary>Whether the cluster reported <c>timed_out</c>: the page may be incomplete.</summary>
    public bool TimedOut { get; set; }

    /// <summary><c>hits.total.value</c>, when the answer has it.</summary>
    public long? Total { get; set; }
}
