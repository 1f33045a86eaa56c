using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Serilog.Sinks.WorkflowTrace.Bulk;
using Serilog.Sinks.WorkflowTrace.Capture;

namespace Serilog.Sinks.WorkflowTrace.Benchmarks;

/// <summary>
/// Bulk response parsing: <see cref="BulkResponseParser.Parse"/> of a 1000-item all-success response, once as
/// Elasticsearch sends it for <c>filter_path=errors,items.*.status,items.*.error</c> and once unfiltered (every
/// item with _index, _id, _version, result, _shards, _seq_no, _primary_term and status). Figures are per item. Since
/// 2026-12-04 the filtered form, every item the same, is read by the compact path (bytes compared, one item standing
/// for all); the unfiltered form goes through the JSON reader item by item.
/// </summary>
[MemoryDiagnoser]
public class BulkResponseBenchmarks
{
    public const int Items = 1000;

    byte[] _filtered = null!;
    byte[] _full = null!;

    [GlobalSetup]
    public void Setup()
    {
        _filtered = FilteredResponse(Items);
        _full = FullResponse(Items);
        Check(_filtered, nameof(_filtered));
        Check(_full, nameof(_full));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Items)]
    public int ParseFilteredResponse() => BulkResponseParser.Parse(_filtered).Items.Count;

    [Benchmark(OperationsPerInvoke = Items)]
    public int ParseFullResponse() => BulkResponseParser.Parse(_full).Items.Count;

    /// <summary><c>{"errors":false,"items":[{"create":{"status":201}},...]}</c></summary>
    static byte[] FilteredResponse(int items)
    {
        var json = new StringBuilder("{\"errors\":false,\"items\":[");
        for (var i = 0; i < items; i++)
        {
            if (i > 0)
                json.Append(',');
            json.Append("{\"create\":{\"status\":201}}");
        }
        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }

    /// <summary>An unfiltered response, with document ids in the sink's own format.</summary>
    static byte[] FullResponse(int items)
    {
        var ids = new DocumentIdFactory();
        var json = new StringBuilder("{\"errors\":false,\"took\":37,\"items\":[");
        for (var i = 0; i < items; i++)
        {
            if (i > 0)
                json.Append(',');
            json.Append(CultureInfo.InvariantCulture,
                $"{{\"create\":{{\"_index\":\"workflow-traces\",\"_id\":\"{ids.Format(i + 1)}\",\"_version\":1,\"result\":\"created\"," +
                $"\"_shards\":{{\"total\":2,\"successful\":1,\"failed\":0}},\"_seq_no\":{48_213 + i},\"_primary_term\":1,\"status\":201}}}}");
        }
        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }

    static void Check(byte[] body, string name)
    {
        var response = BulkResponseParser.Parse(body);
        if (response.Errors != false || !response.HasItems || response.Items.Count != Items ||
            response.Items.Any(item => !item.IsDelivered || item.Action != "create" || item.Status != 201))
            throw new InvalidOperationException($"The {name} response does not parse as {Items} delivered create items.");
    }
}
