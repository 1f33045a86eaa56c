using Serilog.Sinks.WorkflowTrace.Reading;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Reading;

/// <summary>
/// Runs a reader operation against a loopback server and collects every request it sent, each mapped to its endpoint
/// and its body validated against that endpoint's schema (<see cref="RequestBodyValidator"/>).
/// </summary>
static class ReaderRequestRecorder
{
    /// <summary>The requests <paramref name="operation"/> sent to <paramref name="server"/>, checked.</summary>
    public static async Task<IReadOnlyList<CheckedRequest>> RecordAsync(FakeElasticsearch server, ReaderOperation operation, WorkflowTraceReaderOptions options)
    {
        using var reader = new WorkflowTraceReader(new WorkflowTraceSinkOptions { Hosts = server.Url.ToString(), IndexName = ReaderConfigSeeding.Index }, options);
        var before = server.Requests.Count;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await operation.Run(reader).WaitAsync(timeout.Token);
        return await RequestBodyValidator.CheckAllAsync(server.Requests.Skip(before));
    }

    /// <summary>Reads a stream whole.</summary>
    public static async Task DrainAsync<T>(IAsyncEnumerable<T> items)
    {
        await foreach (var _ in items)
        {
        }
    }

    /// <summary>Reads the first item of a stream and stops: the point in time (or scroll) must be closed.</summary>
    public static async Task FirstAsync<T>(IAsyncEnumerable<T> items)
    {
        await foreach (var _ in items)
            break;
    }
}
