using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Lists runs most recent first with bounded memory, by walking time windows backwards over one frozen view.
/// </summary>
/// <remarks>
/// A run belongs to the window holding its first selected entry (see <see cref="WorkflowTraceReader.ListRunsAsync"/>),
/// and windows partition time, so each run belongs to exactly one. For a window [a, b): a <c>composite</c> aggregation on
/// <c>run_id</c> over the selected entries in it streams the runs touching it, a page at a time; for each page, a second
/// composite over those runs' entries computes their summaries, and only the runs whose first selected entry is in
/// [a, b) are kept — the others belong to an older window. The kept runs of a window are sorted and delivered before
/// the next, older window is read. A window is sized so that its kept runs fit in a page (it grows while windows are
/// sparse); one that overflows is split in halves, newer half first, so memory stays bounded by the page size. A
/// window of one millisecond cannot be split: its runs all share that first time and are streamed in run-id order,
/// the tie-break, without being held.
/// </remarks>
sealed class RunLister
{
    readonly ReaderClient _client;
    readonly string _index;
    readonly WorkflowTraceReaderOptions _options;
    readonly int _pageSize;
    readonly RunFilter _filter;
    readonly List<Action<Utf8JsonWriter>> _selection;

    public RunLister(ReaderClient client, string index, WorkflowTraceReaderOptions options, RunFilter filter)
    {
        _client = client;
        _index = index;
        _options = options;
        _pageSize = options.PageSize;
        _filter = filter;
        _selection = Selection(filter);
    }

    /// <summary>Every run, in one point in time (closed however the enumeration ends) where the server has them.</summary>
    public async IAsyncEnumerable<RunSummary> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var plan = PagingPlan.For(await _client.ServerAsync(cancellationToken).ConfigureAwait(false));
        var fetcher = new PageFetcher(_client, _index, _options, "listing runs");

        // Per enumeration: two enumerations of one listing each have their own point in time.
        var search = new AggregationSearch(_client, _index) { KeepAlive = _options.KeepAlive };
        if (plan.Method != PagingMethod.Scroll)
            search.PitId = await PointInTimePages.OpenAsync(fetcher, plan, cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var run in WalkAsync(search, cancellationToken).ConfigureAwait(false))
                yield return run;
        }
        finally
        {
            if (search.PitId is { } id)
            {
                search.PitId = null;
                await PointInTimePages.CloseAsync(fetcher, plan, id).ConfigureAwait(false);
            }
        }
    }

    async IAsyncEnumerable<RunSummary> WalkAsync(AggregationSearch search, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bounds = await BoundsAsync(search, null, cancellationToken).ConfigureAwait(false);
        if (AggregationSearch.Value(bounds.GetProperty("first")) is not { } first || AggregationSearch.Value(bounds.GetProperty("last")) is not { } last)
            yield break;

        var lower = (long)first;
        var upper = (long)last + 1;
        var runs = Math.Max(1, AggregationSearch.Value(bounds.GetProperty("runs")) ?? 1);

        // If runs started evenly, a window this wide would hold half a page of them.
        var width = Math.Clamp((long)((upper - lower) * (_pageSize / 2.0) / runs), 1, upper - lower);
        var pending = new Stack<(long From, long To)>();
        var cursor = upper;
        while (pending.Count > 0 || cursor > lower)
        {
            long from, to;
            if (pending.Count > 0)
            {
                (from, to) = pending.Pop();
            }
            else
            {
                (from, to) = (Math.Max(lower, cursor - width), cursor);
                cursor = from;
            }

            if (to - from == 1)
            {
                await foreach (var run in StartingInAsync(search, from, to, cancellationToken).ConfigureAwait(false))
                    yield return run;
                continue;
            }

            var fromCursor = pending.Count == 0 && from == cursor;
            var kept = new List<(RunSummary Summary, long First)>();
            var overflow = false;
            await foreach (var run in StartingInWithKeyAsync(search, from, to, cancellationToken).ConfigureAwait(false))
            {
                kept.Add(run);
                if (kept.Count > _pageSize)
                {
                    overflow = true;
                    break;
                }
            }

            if (overflow)
            {
                var middle = from + (to - from) / 2;
                pending.Push((from, middle));
                pending.Push((middle, to));
                width = Math.Max(1, width / 2);
                continue;
            }

            kept.Sort((x, y) => x.First != y.First ? y.First.CompareTo(x.First) : string.CompareOrdinal(x.Summary.RunId, y.Summary.RunId));
            foreach (var (summary, _) in kept)
                yield return summary;
            // Nothing started here: skip the gap below to the newest selected entry before this window.
            if (fromCursor && kept.Count == 0 && from > lower)
            {
                var below = await BoundsAsync(search, from, cancellationToken).ConfigureAwait(false);
                cursor = AggregationSearch.Value(below.GetProperty("last")) is { } newest ? (long)newest + 1 : lower;
            }

            // Sparse: widen (an overflow elsewhere may have narrowed the width down to a millisecond).
            if (pending.Count == 0 && kept.Count * 2 <= _pageSize)
                width = Math.Min(width * 2, upper - lower);
        }
    }

    // The first and last selected entries (before a time, if given), and how many runs they belong to.
    Task<JsonElement> BoundsAsync(AggregationSearch search, long? before, CancellationToken cancellationToken)
    {
        var clauses = new List<Action<Utf8JsonWriter>>(_selection);
        if (before is { } end)
            clauses.Add(w => MillisRange(w, 0, end));
        return search.AggregateAsync(w => QueryFilter.WriteAll(w, clauses), json =>
        {
            json.WriteStartObject();
            Metric(json, "first", "min", "datetime");
            Metric(json, "last", "max", "datetime");
            Metric(json, "runs", "cardinality", "run_id");
            json.WriteEndObject();
        }, "listing runs", cancellationToken);
    }

    static void Metric(Utf8JsonWriter json, string name, string type, string field)
    {
        json.WriteStartObject(name);
        json.WriteStartObject(type);
        json.WriteString("field", field);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    async IAsyncEnumerable<RunSummary> StartingInAsync(AggregationSearch search, long from, long to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (summary, _) in StartingInWithKeyAsync(search, from, to, cancellationToken).ConfigureAwait(false))
            yield return summary;
    }

    // The runs whose first selected entry falls in [from, to), in run-id order, with that entry's time.
    async IAsyncEnumerable<(RunSummary Summary, long First)> StartingInWithKeyAsync(AggregationSearch search, long from, long to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var inWindow = new List<Action<Utf8JsonWriter>>(_selection) { w => MillisRange(w, from, to) };
        await foreach (var page in search.CompositePagesAsync(w => QueryFilter.WriteAll(w, inWindow), RunSource, null, _pageSize,
            "listing runs", cancellationToken).ConfigureAwait(false))
        {
            var ids = page.Select(b => b.GetProperty("key").GetProperty("run").GetString()!).ToList();
            await foreach (var summaries in search.CompositePagesAsync(w => RunsClause(w, ids), RunSource,
                w => RunSummaryAggregation.Write(w, _selection), ids.Count, "summarising runs", cancellationToken).ConfigureAwait(false))
            {
                foreach (var bucket in summaries)
                {
                    var (summary, first) = RunSummaryAggregation.Read(bucket, _selection.Count > 0);
                    if (first is { } millis && millis >= from && millis < to && (_filter.Status is not { } status || summary.Status == status))
                        yield return (summary, millis);
                }
            }
        }
    }

    static List<Action<Utf8JsonWriter>> Selection(RunFilter filter)
    {
        if (filter.Since is { } since && filter.Until is { } until && until <= since)
            throw new ArgumentException($"The filter's Until ({QueryFilter.Format(until)}) must come after its Since ({QueryFilter.Format(since)}).", nameof(filter));
        var clauses = new List<Action<Utf8JsonWriter>>();
        foreach (var (field, value) in (ReadOnlySpan<(string, string?)>)[
            ("workflow_name", filter.WorkflowName), ("tenant_id", filter.TenantId), ("environment", filter.Environment),
            ("user_id", filter.UserId), ("parent_run_id", filter.ParentRunId)])
        {
            if (!string.IsNullOrEmpty(value))
                clauses.Add(w => QueryFilter.TermClause(w, field, value));
        }

        if (filter.Since is not null || filter.Until is not null)
        {
            var from = filter.Since is { } s ? QueryFilter.Format(s) : null;
            var to = filter.Until is { } u ? QueryFilter.Format(u) : null;
            clauses.Add(w => QueryFilter.Range(w, from, to));
        }

        return clauses;
    }

    static void RunSource(Utf8JsonWriter json)
    {
        json.WriteStartArray();
        json.WriteStartObject();
        json.WriteStartObject("run");
        json.WriteStartObject("terms");
        json.WriteString("field", "run_id");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    static void RunsClause(Utf8JsonWriter json, List<string> ids)
    {
        json.WriteStartObject();
        json.WriteStartObject("terms");
        json.WriteStartArray("run_id");
        foreach (var id in ids)
            json.WriteStringValue(id);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    static void MillisRange(Utf8JsonWriter json, long from, long to)
    {
        json.WriteStartObject();
        json.WriteStartObject("range");
        json.WriteStartObject("datetime");
        json.WriteNumber("gte", from);
        json.WriteNumber("lt", to);
        json.WriteString("format", "epoch_millis");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
