using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.Tests.DurableBuffer;

/// <summary>
/// An event shipped through the durable buffer's files becomes the same trace document as the same event shipped
/// from memory: the file keeps what the logging call knew (thread, parent span, the exception's type and message).
/// </summary>
public class DocumentParityTests : DurableBufferTest
{
    enum Colour { Red, Green }

    sealed record Order(int Id, string Customer, decimal Total, string[] Lines);

    [Test]
    public async Task EveryKindOfEventIsTheSameDocumentFromDiskAsFromMemory()
    {
        var memoryIndex = Index + "-memory";
        using var source = new ActivitySource("parity-" + Guid.NewGuid().ToString("N"));
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        await using (var logger = new LoggerConfiguration()
                         .Enrich.WithProperty("Region", "eu-west-1")
                         .WriteTo.WorkflowTrace(new WorkflowTraceSinkOptions { Hosts = Server.Url.ToString(), IndexName = memoryIndex, FlushInterval = TimeSpan.FromMilliseconds(100) })
                         .WriteTo.WorkflowTrace(new WorkflowTraceSinkOptions { Hosts = Server.Url.ToString(), IndexName = Index, BufferPath = BufferPath, FlushInterval = TimeSpan.FromMilliseconds(100) })
                         .CreateLogger())
        {
            logger.Information("plain {Number}", 1);
            logger.Warning("numbers {Int} {Long} {Double} {Decimal} {Negative}", 42, 1L << 40, 1.25, 19.99m, -7);
            logger.Debug("kinds {Flag} {When} {WhenOffset} {Id} {Span} {Colour} {Nothing} {Text}", true,
                new DateTime(2026, 12, 5, 10, 0, 0, DateTimeKind.Utc), new DateTimeOffset(2026, 12, 5, 11, 0, 0, TimeSpan.FromHours(1)),
                Guid.Parse("5f0c2a9e-41d3-4b7a-a000-00000000002a"), TimeSpan.FromSeconds(90), Colour.Green, (string?)null, "naïve ✓ \"quoted\" \n line");
            logger.Information("structured {@Order} {Items} {Map}", new Order(7, "acme", 12.5m, ["a", "b"]), new[] { 1, 2, 3 },
                new Dictionary<string, int> { ["x"] = 1, ["y"] = 2 });
            logger.ForContext("@odd", "at-sign").ForContext("RunId", "run-parity").Information("context {Step}", "transform");
            try
            {
                throw new InvalidOperationException("it broke: badly", new ArgumentException("inner cause"));
            }
            catch (Exception e)
            {
                logger.Error(e, "failed {Job}", "load");
            }
            using (source.StartActivity("outer"))
            using (source.StartActivity("inner"))
                logger.Information("inside an activity {Depth}", 2);
            using (var trace = WorkflowTracing.GetTrace(logger, "run-parity-2"))
            using (trace.Stage("extract"))
            using (trace.Job("download"))
                logger.Information("inside a job {Files}", 3);
        }

        var fromMemory = Documents(memoryIndex);
        var fromDisk = Documents(Index);
        Assert.That(fromDisk, Has.Count.EqualTo(fromMemory.Count).And.Count.GreaterThanOrEqualTo(8));
        Assert.Multiple(() =>
        {
            for (var i = 0; i < fromMemory.Count; i++)
                Assert.That(fromDisk[i], Is.EqualTo(fromMemory[i]), $"document {i}:\n{fromMemory[i]}\n{fromDisk[i]}");
        });
    }

    /// <summary>The stored documents of an index in the order they were logged, without what depends on when they were sent.</summary>
    List<string> Documents(string index) => Server.Documents
        .Where(d => d.Index == index)
        .Select(d => JsonNode.Parse(d.SourceJson)!.AsObject())
        .OrderBy(d => d["datetime"]!.GetValue<string>(), StringComparer.Ordinal)
        .Select(d =>
        {
            d.Remove("created_at");
            return d.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        })
        .ToList();
}
