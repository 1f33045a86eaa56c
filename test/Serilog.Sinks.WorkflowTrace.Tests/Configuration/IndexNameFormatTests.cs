using Serilog.Events;
using Serilog.Parsing;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Configuration;

/// <summary>Fixed and time-based index names, the template pattern derived from them, and names refused early.</summary>
public class IndexNameFormatTests : LoopbackServerTest
{
    [Test]
    public void AFixedNameIsUsedAsItIsAndIsItsOwnPattern()
    {
        var format = IndexNameFormat.Parse("workflow-traces");
        Assert.That(format.IsTimeBased, Is.False);
        Assert.That(format.IndexFor(DateTimeOffset.UtcNow), Is.EqualTo("workflow-traces"));
        Assert.That(format.TemplatePattern, Is.EqualTo("workflow-traces"));
        Assert.That(format.BaseName, Is.EqualTo("workflow-traces"));
    }

    [Test]
    public void ATimeBasedNameIsFormattedWithTheEventsUtcTime()
    {
        var format = IndexNameFormat.Parse("workflow-traces-{0:yyyy.MM.dd}");
        Assert.That(format.IsTimeBased, Is.True);
        var lateEveningInNewYork = new DateTimeOffset(2024, 3, 9, 22, 30, 0, TimeSpan.FromHours(-5));
        Assert.That(format.IndexFor(lateEveningInNewYork), Is.EqualTo("workflow-traces-2024.03.10"), "UTC, not local time");
        Assert.That(format.TemplatePattern, Is.EqualTo("workflow-traces-*"));
        Assert.That(format.BaseName, Is.EqualTo("workflow-traces"));
    }

    [TestCase("traces-{0:yyyy}-{0:MM}", "traces-*-*")]
    [TestCase("traces-{0:yyyy.MM}-archive", "traces-*-archive")]
    public void ThePatternCoversEveryNameTheFormatMakes(string name, string pattern) =>
        Assert.That(IndexNameFormat.Parse(name).TemplatePattern, Is.EqualTo(pattern));

    [TestCase("workflow-traces-{0:MMM}", "lowercase")]
    [TestCase("workflow-traces-{0:yyyy MM}", "' '")]
    [TestCase("workflow-traces-{1:yyyy}", "{0}")]
    [TestCase("workflow-traces-{0:yyyy", "{0}")]
    [TestCase("{0:yyyy.MM.dd}", "fixed prefix")]
    [TestCase("Workflow-{0:yyyy}", "lowercase")]
    public void ATimeBasedNameElasticsearchWouldRejectIsRefusedAtConfigurationTime(string name, string reason)
    {
        var exception = Assert.Throws<ArgumentException>(() => new LoggerConfiguration().WriteTo.WorkflowTrace(indexName: name))!;
        Assert.That(exception.ParamName, Is.EqualTo("indexName"));
        Assert.That(exception.Message, Does.Contain(name).And.Contain(reason));
    }

    [Test]
    public void OneBatchMayWriteToSeveralIndices()
    {
        var template = new MessageTemplateParser().Parse("day {Day}");
        using (var logger = new LoggerConfiguration()
                   .WriteTo.WorkflowTrace(hosts: Server.Url.ToString(), indexName: "workflow-traces-{0:yyyy.MM.dd}", flushInterval: TimeSpan.FromHours(1))
                   .CreateLogger())
        {
            foreach (var day in new[] { 1, 2, 2, 3 })
            {
                logger.Write(new LogEvent(new DateTimeOffset(2024, 5, day, 12, 0, 0, TimeSpan.Zero), LogEventLevel.Information, null, template,
                    [new LogEventProperty("Day", new ScalarValue(day))]));
            }
        }

        Assert.That(Server.Documents.Select(d => d.Index), Is.EquivalentTo(new[]
        {
            "workflow-traces-2024.05.01", "workflow-traces-2024.05.02", "workflow-traces-2024.05.02", "workflow-traces-2024.05.03",
        }));
    }

    [Test]
    public void ATimeBasedNameWorksFromAppSettings()
    {
        using (var logger = AppSettings.CreateLogger(AppSettings.WithArgs($$"""{ "hosts": "{{Server.Url}}", "indexName": "traces-{0:yyyy.MM}" }""")))
            logger.Information("monthly");
        Assert.That(Server.Documents.Single().Index, Is.EqualTo($"traces-{DateTime.UtcNow:yyyy.MM}"));
    }
}
