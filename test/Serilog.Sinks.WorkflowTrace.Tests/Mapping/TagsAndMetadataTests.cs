using System.Text.Json;
using Serilog.Context;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Mapping;

/// <summary>Contract rows: tags, metadata (with message_template), and the omitted-when-empty rule.</summary>
public class TagsAndMetadataTests
{
    static string[] Tags(JsonElement doc) => doc.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray();

    [Test]
    public void TagsMergeTheOptionsWithTheEventsSequenceDistinctAndInOrder()
    {
        var doc = DocumentProbe.DocumentFor(
            log => log.ForContext("Tags", new[] { "team:data", "service:workflow", "env:prod" }).Information("x"),
            b => b.Context = new() { Tags = ["service:workflow", "team:data"] });
        Assert.That(Tags(doc), Is.EqualTo(new[] { "service:workflow", "team:data", "env:prod" }));
    }

    [Test]
    public void ASingleStringTagIsOneTag()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("tags", "urgent").Information("x"));
        Assert.That(Tags(doc), Is.EqualTo(new[] { "urgent" }));
        Assert.That(doc.GetProperty("metadata").TryGetProperty("tags", out _), Is.False);
    }

    [Test]
    public void TagsAreOmittedWhenThereAreNone()
    {
        var doc = DocumentProbe.DocumentFor(log => log.Information("x"));
        Assert.That(doc.TryGetProperty("tags", out _), Is.False);
    }

    [Test]
    public void MetadataHoldsEveryOtherPropertyAsJson()
    {
        var doc = DocumentProbe.DocumentFor(log => log
            .ForContext("Customer", "acme")
            .ForContext("Attempt", 3)
            .ForContext("Ratio", 0.25)
            .ForContext("Enabled", true)
            .ForContext("Items", new[] { 1, 2, 3 })
            .ForContext("Order", new { Id = 7, Lines = new[] { "a", "b" } }, destructureObjects: true)
            .ForContext("Limits", new Dictionary<string, int> { ["cpu"] = 2, ["memory"] = 512 })
            .Information("Processing {RecordCount} records", 10));

        var metadata = doc.GetProperty("metadata");
        Assert.That(metadata.GetProperty("Customer").GetString(), Is.EqualTo("acme"));
        Assert.That(metadata.GetProperty("Attempt").GetInt32(), Is.EqualTo(3));
        Assert.That(metadata.GetProperty("Ratio").GetDouble(), Is.EqualTo(0.25));
        Assert.That(metadata.GetProperty("Enabled").GetBoolean(), Is.True);
        Assert.That(metadata.GetProperty("RecordCount").GetInt32(), Is.EqualTo(10));
        Assert.That(metadata.GetProperty("Items").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(metadata.GetProperty("Order").GetProperty("Id").GetInt32(), Is.EqualTo(7));
        Assert.That(metadata.GetProperty("Order").GetProperty("Lines").GetArrayLength(), Is.EqualTo(2));
        Assert.That(metadata.GetProperty("Limits").GetProperty("memory").GetInt32(), Is.EqualTo(512));
    }

    [Test]
    public void MetadataCarriesTheRawMessageTemplate()
    {
        var doc = DocumentProbe.DocumentFor(log => log.Information("Processing {RecordCount} records for {Customer}", 1, "acme"));
        Assert.That(doc.GetProperty("metadata").GetProperty("message_template").GetString(), Is.EqualTo("Processing {RecordCount} records for {Customer}"));
    }

    [Test]
    public void APropertyNamedMessageTemplateDoesNotOverwriteTheTemplate()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("message_template", "mine").Information("the template"));
        var metadata = doc.GetProperty("metadata");
        Assert.That(metadata.GetProperty("message_template").GetString(), Is.EqualTo("the template"));
        Assert.That(metadata.GetProperty("message_template_2").GetString(), Is.EqualTo("mine"));
    }

    [Test]
    public void EnricherPropertiesArriveInMetadata()
    {
        using var probe = DocumentProbe.Create(configureLogger: c => c.Enrich.WithProperty("Region", "eu-west-1"));
        using (LogContext.PushProperty("Pushed", "yes"))
            probe.Logger.Information("x");
        var metadata = probe.Single().GetProperty("metadata");
        Assert.That(metadata.GetProperty("Region").GetString(), Is.EqualTo("eu-west-1"));
        Assert.That(metadata.GetProperty("Pushed").GetString(), Is.EqualTo("yes"));
    }

    [Test]
    public void EmptyAndNullValuesAreOmittedNeverWrittenAsNullOrEmptyText()
    {
        var doc = DocumentProbe.DocumentFor(log => log
            .ForContext("RunId", "")
            .ForContext("WorkflowName", null)
            .ForContext("UserId", "   ")
            .ForContext("Note", "")
            .ForContext("Missing", null)
            .Information("x"));

        Assert.That(doc.TryGetProperty("run_id", out _), Is.False);
        Assert.That(doc.TryGetProperty("workflow_name", out _), Is.False);
        Assert.That(doc.GetProperty("metadata").TryGetProperty("Note", out _), Is.False);
        Assert.That(doc.GetProperty("metadata").TryGetProperty("Missing", out _), Is.False);
        AssertNoNullOrEmpty(doc, "$");
    }

    [Test]
    public void FloatingPointValuesAlwaysLookLikeFloatingPoint()
    {
        var doc = DocumentProbe.DocumentFor(log => log
            .ForContext("Double", 3.0).ForContext("Single", 2f).ForContext("Decimal", 5m).ForContext("Fraction", 0.1f)
            .ForContext("Whole", 4).Information("x"));
        var metadata = doc.GetProperty("metadata");
        Assert.That(metadata.GetProperty("Double").GetRawText(), Is.EqualTo("3.0"));
        Assert.That(metadata.GetProperty("Single").GetRawText(), Is.EqualTo("2.0"));
        Assert.That(metadata.GetProperty("Decimal").GetRawText(), Is.EqualTo("5.0"));
        Assert.That(metadata.GetProperty("Fraction").GetRawText(), Is.EqualTo("0.1"));
        Assert.That(metadata.GetProperty("Whole").GetRawText(), Is.EqualTo("4"), "integers stay integers");
    }

    [Test]
    public void NonFiniteNumbersAreOmittedAsMembersAndNullInsideArrays()
    {
        var doc = DocumentProbe.DocumentFor(log => log
            .ForContext("Nan", double.NaN).ForContext("Infinite", float.PositiveInfinity)
            .ForContext("Series", new[] { 1.5, double.NaN, double.NegativeInfinity }).Information("x"));
        var metadata = doc.GetProperty("metadata");
        Assert.That(metadata.TryGetProperty("Nan", out _), Is.False);
        Assert.That(metadata.TryGetProperty("Infinite", out _), Is.False);
        Assert.That(metadata.GetProperty("Series").GetRawText(), Is.EqualTo("[1.5,null,null]"));
    }

    static void AssertNoNullOrEmpty(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Assert.That(property.Value.ValueKind, Is.Not.EqualTo(JsonValueKind.Null), $"{path}.{property.Name} is null");
                    if (property.Value.ValueKind == JsonValueKind.String)
                        Assert.That(property.Value.GetString(), Is.Not.Empty, $"{path}.{property.Name} is empty");
                    AssertNoNullOrEmpty(property.Value, $"{path}.{property.Name}");
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    AssertNoNullOrEmpty(item, path + "[]");
                break;
        }
    }
}
