using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Everything the fake stores: indices, templates, lifecycle policies. Not thread-safe by itself: callers hold
/// <see cref="Gate"/> around every use, so each request's effects are atomic.
/// </summary>
internal sealed class FakeCluster
{
    private readonly SortedDictionary<string, FakeIndex> _indices = new(StringComparer.Ordinal);
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private readonly bool _builtInTemplates;
    private long _nextOrder;
    private long _nextRequestNumber;

    public FakeCluster(ServerProfile profile, bool builtInDataStreamTemplates)
    {
        Profile = profile;

        // Elasticsearch installs its logs/metrics/synthetics templates from 7.9; OpenSearch has none.
        _builtInTemplates = builtInDataStreamTemplates && (profile.IsServerless || (profile.IsElasticsearch && profile.AtLeast(7, 9)));
        AddBuiltInTemplates();
    }

    /// <summary>The state <paramref name="options"/> describe, for one node or for every node of a cluster.</summary>
    public static FakeCluster For(FakeElasticsearchOptions options) =>
        new(ServerProfile.Parse(options.RootResponseJson), options.BuiltInDataStreamTemplates);

    public Lock Gate { get; } = new();

    /// <summary>Asked about every bulk item on every node, after the node's own rules.</summary>
    public Func<BulkItemContext, ItemError?>? ItemRule { get; set; }

    public ServerProfile Profile { get; }

    /// <summary>The points in time and scrolls held open.</summary>
    public SearchContexts Contexts { get; } = new();

    public SortedDictionary<string, ComposableTemplate> Templates { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, LegacyTemplate> LegacyTemplates { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, IlmPolicy> IlmPolicies { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, IsmPolicy> IsmPolicies { get; } = new(StringComparer.Ordinal);

    /// <summary>The next sequence number of the ISM config index, which all policies share.</summary>
    public long NextIsmSeqNo { get; set; }

    public IEnumerable<FakeIndex> Indices => _indices.Values;

    public int DocumentCount => _indices.Values.Sum(i => i.Documents.Count);

    /// <summary>The index or data stream called <paramref name="name"/>, also found by a backing index name.</summary>
    public FakeIndex? Find(string name) =>
        _indices.GetValueOrDefault(name) ?? _indices.Values.FirstOrDefault(i => i.ConcreteName == name);

    /// <summary>The composable template that applies to a new index <paramref name="name"/>: the highest priority match.</summary>
    public ComposableTemplate? MatchingTemplate(string name) =>
        Profile.HasComposableTemplates
            ? Templates.Values.Where(t => t.Matches(name)).OrderByDescending(t => t.PriorityOrZero).FirstOrDefault()
            : null;

    /// <summary>Whether writing to a missing <paramref name="name"/> would create a data stream.</summary>
    public bool CreatesDataStream(string name) => Profile.HasDataStreams && MatchingTemplate(name) is { IsDataStream: true };

    /// <summary>
    /// Creates an index (or data stream) the way Elasticsearch does: the matching composable template, else the
    /// matching legacy templates by <c>order</c>, give settings, mappings and aliases; the request's own go on top.
    /// </summary>
    public FakeIndex Create(string name, JsonObject? mappings = null, IndexSettings? settings = null, JsonObject? aliases = null)
    {
        var resolved = Resolve(name, MatchingTemplate(name), mappings, settings, aliases);
        var index = new FakeIndex(name, resolved.DataStream, resolved.Mapping, DateTimeOffset.UtcNow)
        {
            Settings = resolved.DataStream ? resolved.Settings.With("index.hidden", "true") : resolved.Settings,
            Aliases = resolved.Aliases,
            TemplateName = resolved.Template?.Name,
        };
        _indices[name] = index;
        return index;
    }

    /// <summary>
    /// What a new index <paramref name="name"/> would get from <paramref name="template"/> (null: the legacy
    /// templates that match, merged by order) with the request's own mappings, settings and aliases on top.
    /// </summary>
    public ResolvedIndex Resolve(string name, ComposableTemplate? template, JsonObject? mappings = null, IndexSettings? settings = null, JsonObject? aliases = null)
    {
        var dataStream = template is { IsDataStream: true } && Profile.HasDataStreams;
        JsonObject? resolvedMappings = null;
        var resolvedSettings = IndexSettings.Empty;
        var resolvedAliases = new JsonObject();
        if (template is not null)
        {
            resolvedMappings = template.Mappings;
            resolvedSettings = template.Settings ?? IndexSettings.Empty;
            resolvedAliases = (JsonObject?)template.Aliases?.DeepClone() ?? [];
        }
        else
        {
            foreach (var legacy in LegacyTemplates.Values.Where(t => t.Matches(name)).OrderBy(t => t.Order))
            {
                resolvedMappings = IndexMapping.Merge(resolvedMappings, legacy.Mappings);
                resolvedSettings = resolvedSettings.MergedWith(legacy.Settings);
                foreach (var (alias, definition) in legacy.Aliases)
                {
                    resolvedAliases[alias] = definition?.DeepClone();
                }
            }
        }

        resolvedMappings = IndexMapping.Merge(resolvedMappings, mappings);
        resolvedSettings = resolvedSettings.MergedWith(settings ?? IndexSettings.Empty);
        foreach (var (alias, definition) in aliases ?? [])
        {
            resolvedAliases[alias] = definition?.DeepClone();
        }

        var mapping = IndexMapping.FromJson(resolvedMappings);
        if (dataStream)
        {
            // A data stream's backing index always maps @timestamp, as a date unless the template says date_nanos.
            if (mapping.Get("@timestamp") is null)
            {
                mapping.AddAll([new("@timestamp", FieldMapping.Of(FieldType.Date))]);
            }

            mapping.DataStreamTimestamp = true;
        }

        return new ResolvedIndex(mapping, DefaultSettings(resolvedSettings, dataStream), resolvedAliases, dataStream, template);
    }

    // What every index gets unless a template or the request says otherwise.
    private IndexSettings DefaultSettings(IndexSettings settings, bool dataStream)
    {
        var result = settings
            .With("index.number_of_shards", "1", overwrite: false)
            .With("index.number_of_replicas", "1", overwrite: false);
        if (Profile.SetsTierPreference)
        {
            result = result.With("index.routing.allocation.include._tier_preference", dataStream ? "data_hot" : "data_content", overwrite: false);
        }

        return result;
    }

    private void AddBuiltInTemplates()
    {
        if (!_builtInTemplates)
        {
            return;
        }

        foreach (var kind in new[] { "logs", "metrics", "synthetics" })
        {
            Templates[kind] = new ComposableTemplate
            {
                Name = kind,
                Patterns = [kind + "-*-*"],
                Priority = 100,
                Version = 1,
                DataStream = [],
                AllowAutoCreate = Profile.IsServerless || Profile.AtLeast(7, 11) ? true : null,
                Meta = new JsonObject { ["description"] = $"default {kind} template installed by x-pack", ["managed"] = true },
            };
        }
    }

    public void Remove(FakeIndex index) => _indices.Remove(index.Name);

    public long NextOrder() => _nextOrder++;

    /// <summary>Numbers requests across the nodes sharing this state, so their logs merge in arrival order.</summary>
    public long NextRequestNumber() => _nextRequestNumber++;

    public IReadOnlyList<StoredDocument> Snapshot() =>
        _indices.Values
            .SelectMany(index => index.Documents.Values.Select(doc => (index, doc)))
            .OrderBy(pair => pair.doc.Order)
            .Select(pair => new StoredDocument(pair.index.Name, pair.doc.Id, pair.doc.SourceJson))
            .ToList();

    /// <summary>Forgets indices, templates (the built-in ones come back) and lifecycle policies.</summary>
    public void Clear()
    {
        _indices.Clear();
        Contexts.ExpireAll();
        Templates.Clear();
        LegacyTemplates.Clear();
        IlmPolicies.Clear();
        IsmPolicies.Clear();
        NextIsmSeqNo = 0;
        AddBuiltInTemplates();
    }

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

    /// <summary>
    /// Completes once at least <paramref name="count"/> documents are stored; takes <see cref="Gate"/> itself.
    /// <paramref name="requestsReceived"/> (called under the gate) goes into the timeout's message.
    /// </summary>
    public async Task WaitForDocumentsAsync(int count, TimeSpan timeout, Func<int> requestsReceived)
    {
        Task waiter;
        lock (Gate)
        {
            waiter = WaitForDocuments(count);
        }

        try
        {
            await waiter.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            int arrived, requests;
            lock (Gate)
            {
                _waiters.RemoveAll(w => w.Done.Task == waiter);
                arrived = DocumentCount;
                requests = requestsReceived();
            }

            throw new TimeoutException(
                $"Expected at least {count} documents within {timeout}, but {arrived} arrived ({requests} requests received).");
        }
    }

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

    private Task WaitForDocuments(int count)
    {
        if (DocumentCount >= count)
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((count, done));
        return done.Task;
    }
}
