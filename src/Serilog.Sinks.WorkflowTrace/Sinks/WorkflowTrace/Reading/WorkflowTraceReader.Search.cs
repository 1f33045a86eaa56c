using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Reading;

public sealed partial class WorkflowTraceReader
{
    /// <summary>Streams every entry <paramref name="query"/> selects, in <paramref name="order"/>, a page at a time, without a cap.</summary>
    /// <param name="query">What to read: every condition given must hold.</param>
    /// <param name="order">Oldest first (default) or newest first; events of one thread keep their order.</param>
    /// <param name="cancellationToken">Stops the read; the point in time is closed.</param>
    /// <exception cref="ArgumentException">The query's time range ends before it starts, or its <see cref="TraceQuery.Last"/> is not positive.</exception>
    public IAsyncEnumerable<TraceEntry> SearchAsync(TraceQuery query, TraceOrder order = TraceOrder.OldestFirst, CancellationToken cancellationToken = default)
    {
        var clauses = QueryFilter.Clauses(query);
        return new EntryPager(_client, Index, _options).ReadAsync(w => QueryFilter.WriteAll(w, clauses), order, "searching traces", cancellationToken);
    }

    /// <summary>Counts the entries <paramref name="query"/> selects.</summary>
    /// <param name="query">What to count: every condition given must hold.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <exception cref="ArgumentException">The query's time range ends before it starts, or its <see cref="TraceQuery.Last"/> is not positive.</exception>
    public async Task<long> CountAsync(TraceQuery query, CancellationToken cancellationToken = default)
    {
        var clauses = QueryFilter.Clauses(query);
        var body = AggregationSearch.Body(json =>
        {
            json.WriteStartObject();
            json.WritePropertyName("query");
            QueryFilter.WriteAll(json, clauses);
            json.WriteEndObject();
        });
        var response = await _client.SendAsync(HttpMethod.Post, Index + "/_count", body, "counting traces", Index, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Body);
        return document.RootElement.GetProperty("count").GetInt64();
    }

    /// <summary>
    /// Streams every run with an entry that <paramref name="filter"/> selects, with its summary, without a cap and with
    /// memory bounded by <see cref="WorkflowTraceReaderOptions.PageSize"/> (not by the number of runs).
    /// </summary>
    /// <remarks>
    /// <para><b>Order:</b> most recent first by the time of the run's first <i>selected</i> entry — the first of its
    /// entries that match the filter's workflow, tenant, environment, user, parent run and time range. Without those
    /// conditions (or when they hold for the whole run, as workflow, tenant and environment usually do) that is the
    /// run's first entry, <see cref="RunSummary.FirstTime"/>. Runs whose first selected entries share a millisecond
    /// come in ascending <see cref="RunSummary.RunId"/> (ordinal) order.</para>
    /// <para><b>Consistency:</b> the enumeration reads one point in time opened when it starts, so documents indexed
    /// meanwhile (new runs, or new entries of listed runs) change nothing in it: no run is missed, repeated or moved.
    /// The point in time is closed when the enumeration ends, is abandoned early (<c>break</c>, dispose) or is cancelled.
    /// Servers without points in time (Elasticsearch before 7.10, OpenSearch before 2.4) are read live instead.</para>
    /// <para><b>Summary:</b> computed over all of the run's entries: <see cref="RunSummary.Entries"/>,
    /// <see cref="RunSummary.Errors"/>, first and last time; the workflow, tenant, environment, user and parent run
    /// are the most frequent among its entries. <see cref="RunFilter.Status"/> is applied to that summary.</para>
    /// </remarks>
    /// <param name="filter">Which runs; null lists every run.</param>
    /// <param name="cancellationToken">Stops the enumeration; the point in time is closed.</param>
    /// <exception cref="ArgumentException">The filter's time range ends before it starts.</exception>
    public IAsyncEnumerable<RunSummary> ListRunsAsync(RunFilter? filter = null, CancellationToken cancellationToken = default) =>
        new RunLister(_client, Index, _options, filter ?? new RunFilter()).ListAsync(cancellationToken);
}
