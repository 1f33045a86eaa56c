using BenchmarkDotNet.Attributes;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Transport;
using Serilog.Sinks.WorkflowTrace.Reading;

namespace Serilog.Sinks.WorkflowTrace.Benchmarks;

/// <summary>
/// Issue 15 point 7: a search answer of <see cref="Hits"/> trace hits (<see cref="TraceSearchAnswer"/>: this sink's
/// documents and the Python producer's) read into typed entries by <see cref="SearchHitsReader"/>, against
/// <c>Elastic.Clients.Elasticsearch</c> deserialising the same bytes into <c>SearchResponse&lt;TraceHitDocument&gt;</c>
/// with the client's own request/response serializer, from a stream as its transport does. Figures are per hit.
/// </summary>
[MemoryDiagnoser]
public class SearchHitsBenchmarks
{
    public const int Hits = 1000;

    byte[] _answer = null!;
    Serializer _clientSerializer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _answer = TraceSearchAnswer.Create(Hits);
        _clientSerializer = new ElasticsearchClient(new ElasticsearchClientSettings(new Uri("http://localhost:9200"))).RequestResponseSerializer;

        // Check once that both read every hit, and read the same thing.
        var ours = SearchHitsReader.Read(_answer, m => throw new InvalidOperationException($"Hit {m.Id} reported malformed: {m.Reason}"));
        var theirs = Client();
        if (ours.Entries.Count != Hits || theirs.Hits.Count != Hits)
            throw new InvalidOperationException($"Expected {Hits} hits, read {ours.Entries.Count} and {theirs.Hits.Count}.");
        var theirHits = theirs.Hits.ToList();
        for (var i = 0; i < Hits; i++)
        {
            var (entry, hit) = (ours.Entries[i], theirs.Hits.ElementAt(i));
            if (entry.Id != hit.Id || entry.Message != hit.Source!.Message || entry.Thread != hit.Source.Thread
                || entry.StackTrace != hit.Source.StackTrace || entry.Tags.Count != (hit.Source.Tags?.Count ?? 0)
                || (entry.MetadataJson is null) != (hit.Source.Metadata is null) || entry.ErrorFlag != hit.Source.ErrorFlag)
                throw new InvalidOperationException($"Hit {i} ({entry.Id}) is read differently by the two.");
        }
        if (!ours.Entries.Any(e => e.StackTrace is not null) || !ours.Entries.Any(e => e.MetricJson is not null)
            || !ours.Entries.Any(e => e.RuntimeVersion is not null) || !ours.Entries.Any(e => e.PythonVersion is not null))
            throw new InvalidOperationException("The answer lacks one of the kinds of document it should mix.");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Hits)]
    public int ElasticClientSearchResponse() => Client().Hits.Count;

    [Benchmark(OperationsPerInvoke = Hits)]
    public int WorkflowTraceSearchHitsReader() => SearchHitsReader.Read(_answer, static _ => { }).Entries.Count;

    SearchResponse<TraceHitDocument> Client()
    {
        using var stream = new MemoryStream(_answer, writable: false);
        return _clientSerializer.Deserialize<SearchResponse<TraceHitDocument>>(stream)!;
    }
}
