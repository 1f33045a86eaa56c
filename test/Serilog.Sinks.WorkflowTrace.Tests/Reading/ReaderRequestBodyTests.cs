using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.TestServer;
using static Serilog.Sinks.WorkflowTrace.Tests.Reading.ReaderRequestRecorder;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// Every request body the reader builds, for every public operation, is what Elastic's official OpenAPI schema of its
/// endpoint accepts: each operation runs against the loopback server (as Elasticsearch 9, 7.7 without point in time,
/// and OpenSearch 2 with its own point-in-time API), pages of two entries so that <c>search_after</c> and closing are
/// exercised, and each request it sent is validated. An operation not built yet is ignored, saying so.
/// </summary>
public class ReaderRequestBodyTests
{
    static readonly TraceQuery Narrow = TraceQuery.All.ForWorkflow("data-pipeline").AtLevels("info", "error").InLast(TimeSpan.FromDays(1))
        .ForUser("user-123").WithAnyTag("service:workflow").WithAllTags("team:data").Containing("failed");

    static readonly RunFilter Filter = new()
    {
        WorkflowName = "data-pipeline", Since = DateTimeOffset.UtcNow.AddDays(-1), Until = DateTimeOffset.UtcNow.AddDays(1),
        Status = RunStatus.Failed, Environment = "test", UserId = "user-123", TenantId = "tenant", ParentRunId = ReaderConfigSeeding.ParentRun,
    };

    /// <summary>Every public operation of the reader, with the arguments that make it build its fullest bodies.</summary>
    public static IEnumerable<ReaderOperation> Operations() =>
    [
        new("FindRunAsync with children", r => r.FindRunAsync(ReaderConfigSeeding.ParentRun, includeChildren: true), SendsBody: true),
        new("FindRunAsync of a missing run", r => r.FindRunAsync("no-such-run", throwIfMissing: false), SendsBody: true),
        new("ReadRunAsync", r => DrainAsync(r.ReadRunAsync(ReaderConfigSeeding.ParentRun)), SendsBody: true),
        new("ReadRunAsync stopped after one entry", r => FirstAsync(r.ReadRunAsync(ReaderConfigSeeding.ParentRun)), SendsBody: true),
        new("SearchAsync oldest first", r => DrainAsync(r.SearchAsync(TraceQuery.All.Errors().SinceTime(DateTimeOffset.UtcNow.AddDays(-1)))), SendsBody: true),
        new("SearchAsync newest first with every condition", r => DrainAsync(r.SearchAsync(Narrow, TraceOrder.NewestFirst)), SendsBody: true),
        new("SearchAsync stopped after one entry", r => FirstAsync(r.SearchAsync(TraceQuery.All)), SendsBody: true),
        new("CountAsync", r => r.CountAsync(Narrow), SendsBody: true),
        new("ListRunsAsync", r => DrainAsync(r.ListRunsAsync()), SendsBody: true),
        new("ListRunsAsync with every filter", r => DrainAsync(r.ListRunsAsync(Filter)), SendsBody: true),
        new("ListRunsAsync stopped after one run", r => FirstAsync(r.ListRunsAsync()), SendsBody: true),
        new("GetWorkflowStatisticsAsync", r => r.GetWorkflowStatisticsAsync(TraceQuery.All.InLast(TimeSpan.FromDays(1))), SendsBody: true),
        new("GetLevelCountsAsync", r => r.GetLevelCountsAsync(Narrow), SendsBody: true),
        new("GetHistogramAsync", r => r.GetHistogramAsync(TimeSpan.FromMinutes(5), TraceQuery.All.ForWorkflow("billing")), SendsBody: true),
        new("GetClusterHealthAsync", r => r.GetClusterHealthAsync(), SendsBody: false),
        new("ListIndicesAsync", r => r.ListIndicesAsync(), SendsBody: false),
        new("CheckMappingsAsync", r => r.CheckMappingsAsync(), SendsBody: false),
        new("SetRefreshIntervalAsync", r => r.SetRefreshIntervalAsync(TimeSpan.FromSeconds(5)), SendsBody: true),
        new("PruneAsync without confirming", r => r.PruneAsync(DateTimeOffset.UtcNow.AddDays(1)), SendsBody: false),
        new("PruneAsync confirmed", r => r.PruneAsync(DateTimeOffset.UtcNow.AddDays(1), confirm: true), SendsBody: false),
    ];

    static readonly string[] PagingOperations =
    [
        "FindRunAsync with children", "ReadRunAsync", "ReadRunAsync stopped after one entry", "SearchAsync newest first with every condition",
        "SearchAsync stopped after one entry", "ListRunsAsync",
    ];

    static IEnumerable<TestCaseData> Cases()
    {
        foreach (var operation in Operations())
            yield return new TestCaseData("Elasticsearch 9.1", RootResponses.Elasticsearch910, operation).SetArgDisplayNames("Elasticsearch 9.1", operation.Name);
        foreach (var operation in Operations().Where(o => PagingOperations.Contains(o.Name)))
        {
            yield return new TestCaseData("Elasticsearch 7.7 (no point in time)", RootResponses.Elasticsearch771, operation)
                .SetArgDisplayNames("Elasticsearch 7.7", operation.Name);
            yield return new TestCaseData("OpenSearch 2.17", RootResponses.OpenSearch2171, operation).SetArgDisplayNames("OpenSearch 2.17", operation.Name);
        }
    }

    [TestCaseSource(nameof(Cases))]
    public async Task EveryBodyTheReaderSendsIsValidAgainstItsEndpointsSchema(string server, string root, ReaderOperation operation)
    {
        await using var cluster = await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { RootResponseJson = root });
        await ReaderConfigSeeding.WriteRunsAsync(cluster);

        var requests = await ReaderRequestRecorder.RecordAsync(cluster, operation, new WorkflowTraceReaderOptions { PageSize = 2 });

        await TestContext.Out.WriteLineAsync($"{operation.Name} against {server}:\n" + string.Join("\n", requests));
        Assert.That(requests, Is.Not.Empty, "the operation sent requests");
        Assert.That(requests.Where(r => r.Errors.Count > 0).Select(r => r.ToString()), Is.Empty,
            "bodies the official schema of their endpoint refuses");
        if (operation.SendsBody)
            Assert.That(requests.Count(r => r.HasBody && r.Endpoint != RequestBodyValidator.OpenSearchPointInTime), Is.GreaterThan(0), "a body was validated");
    }

    [Test]
    public void EveryPublicOperationOfTheReaderHasACase()
    {
        var named = Operations().Select(o => o.Name.Split(' ')[0]).ToHashSet();
        var operations = typeof(WorkflowTraceReader).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal))
            .Select(m => m.Name);

        Assert.That(operations.Where(o => !named.Contains(o)), Is.Empty, "reader operations whose request bodies are not validated");
    }

    [TestCase("POST", "/reader-traces/_search", "search")]
    [TestCase("POST", "/_search", "search")]
    [TestCase("POST", "/reader-traces/_count", "count")]
    [TestCase("POST", "/reader-traces/_pit", "open_point_in_time")]
    [TestCase("DELETE", "/_pit", "close_point_in_time")]
    [TestCase("POST", "/_search/scroll", "scroll")]
    [TestCase("DELETE", "/_search/scroll", "clear_scroll")]
    [TestCase("PUT", "/reader-traces/_settings", "indices.put_settings")]
    [TestCase("POST", "/reader-traces/_search/point_in_time", RequestBodyValidator.OpenSearchPointInTime)]
    [TestCase("DELETE", "/_search/point_in_time", RequestBodyValidator.OpenSearchPointInTime)]
    [TestCase("GET", "/_cluster/health", null)]
    [TestCase("GET", "/_cat/indices/reader-traces", null)]
    public void EachRequestIsMappedToItsEndpoint(string method, string path, string? endpoint)
    {
        var request = new RecordedRequest(method, path, "", new Dictionary<string, string>(), [], DateTimeOffset.UtcNow) { Node = new Uri("http://127.0.0.1/") };

        Assert.That(RequestBodyValidator.EndpointOf(request), Is.EqualTo(endpoint));
    }
}
