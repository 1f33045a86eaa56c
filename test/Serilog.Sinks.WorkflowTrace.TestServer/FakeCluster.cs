namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Everything the fake stores. Not thread-safe by itself: callers hold <see cref="Gate"/> around every use,
/// so each request's effects are atomic.
/// </summary>
internal sealed class FakeCluster(bool builtInDataStreams)
{
    private readonly SortedDictionary<string, FakeIndex> _indices = new(StringComparer.Ordinal);
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private long _nextOrder;

    public Lock Gate { get; } = new();

    public int DocumentCount => _indices.Values.Sum(i => i.Documents.Count);

    /// <summary>The index or data stream called <paramref name="name"/>, also found by a backing index name.</summary>
    public FakeIndex? Find(string name) =>
        _indices.GetValueOrDefault(name) ?? _indices.Values.FirstOrDefault(i => i.ConcreteName == name);

    /// <summary>Whether writing to a missing <paramref name="name"/> would create a data stream.</summary>
    public bool CreatesDataStream(string name) => builtInDataStreams && IndexNames.DataStreamTemplatePattern(name) is not null;

    public FakeIndex Create(string name, IndexMapping? mapping = null)
    {
        var dataStream = CreatesDataStream(name);
        mapping ??= new IndexMapping();
        if (dataStream)
        {
            // The built-in templates map @timestamp as a date.
            mapping.AddAll([new("@timestamp", FieldMapping.Of(FieldType.Date))]);
        }

        var index = new FakeIndex(name, dataStream, mapping, DateTimeOffset.UtcNow);
        _indices[name] = index;
        return index;
    }

    public void Remove(FakeIndex index) => _indices.Remove(index.Name);

    public long NextOrder() => _nextOrder++;

    public IReadOnlyList<StoredDocument> Snapshot() =>
        _indices.Values
            .SelectMany(index => index.Documents.Values.Select(doc => (index, doc)))
            .OrderBy(pair => pair.doc.Order)
            .Select(pair => new StoredDocument(pair.index.Name, pair.doc.Id, pair.doc.SourceJson))
            .ToList();

    public void Clear() => _indices.Clear();

    /// <summary>
    /// Resolves an index expression (comma list, <c>*</c> wildcards, <c>_all</c>, <c>-</c> exclusions) as
    /// search and the read APIs do; a missing concrete name is a 404 unless <paramref name="ignoreUnavailable"/>.
    /// </summary>
    public List<FakeIndex> Resolve(string? expression, bool ignoreUnavailable = false, bool allowNoIndices = true)
    {
        var result = new List<FakeIndex>();
        var parts = string.IsNullOrEmpty(expression) ? ["_all"] : expression.Split(',');
        foreach (var part in parts)
        {
            if (part.StartsWith('-') && result.Count > 0)
            {
                result.RemoveAll(i => Wildcard.Matches(part[1..], i.Name) || Wildcard.Matches(part[1..], i.ConcreteName));
            }
            else if (part is "_all" or "*" || Wildcard.IsPattern(part))
            {
                var pattern = part == "_all" ? "*" : part;
                var matches = _indices.Values.Where(i =>
                    (Wildcard.Matches(pattern, i.Name) || Wildcard.Matches(pattern, i.ConcreteName))
                    && (!IndexNames.IsHidden(i.Name) || pattern.StartsWith('.')));
                var before = result.Count;
                result.AddRange(matches.Where(i => !result.Contains(i)));
                if (result.Count == before && !allowNoIndices)
                {
                    throw new EsErrorException(EsErrors.IndexNotFound(part));
                }
            }
            else if (Find(part) is { } index)
            {
                if (!result.Contains(index))
                {
                    result.Add(index);
                }
            }
            else if (!ignoreUnavailable)
            {
                throw new EsErrorException(EsErrors.IndexNotFound(part));
            }
        }

        return result;
    }

    /// <summary>A task that completes once at least <paramref name="count"/> documents are stored.</summary>
    public Task WaitForDocuments(int count)
    {
        if (DocumentCount >= count)
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((count, done));
        return done.Task;
    }

    public void ForgetWaiter(Task task) => _waiters.RemoveAll(w => w.Done.Task == task);

    /// <summary>Completes the waiters whose count is reached (continuations run asynchronously, outside the gate).</summary>
    public void NotifyWaiters()
    {
        var count = DocumentCount;
        foreach (var waiter in _waiters.Where(w => count >= w.Count).ToList())
        {
            _waiters.Remove(waiter);
            waiter.Done.TrySetResult();
        }
    }
}
