using Serilog.Sinks.WorkflowTrace.Mapping;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Mapping;

/// <summary>Contract rows: workflow_name, stage_name, job_name, duration_ms, memory_usage_mb, cpu_usage_percent.</summary>
public class WorkflowFieldTests
{
    [TestCase("WorkflowName", "workflow_name")]
    [TestCase("workflow_name", "workflow_name")]
    [TestCase("StageName", "stage_name")]
    [TestCase("stage_name", "stage_name")]
    [TestCase("JobName", "job_name")]
    [TestCase("job_name", "job_name")]
    public void NamesComeFromEitherSpellingOfTheProperty(string property, string field)
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext(property, "value-" + property).Information("x"));
        Assert.That(doc.GetProperty(field).GetString(), Is.EqualTo("value-" + property));
        Assert.That(doc.GetProperty("metadata").TryGetProperty(property, out _), Is.False);
    }

    [Test]
    public void NamesFallBackToTheOptions()
    {
        var doc = DocumentProbe.DocumentFor(log => log.Information("x"),
            b => b.Context = new() { WorkflowName = "wf", StageName = "stage", JobName = "job" });
        Assert.That(doc.GetProperty("workflow_name").GetString(), Is.EqualTo("wf"));
        Assert.That(doc.GetProperty("stage_name").GetString(), Is.EqualTo("stage"));
        Assert.That(doc.GetProperty("job_name").GetString(), Is.EqualTo("job"));
    }

    [Test]
    public void DurationIsANumber()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("DurationMs", 150.5).Information("x"));
        Assert.That(doc.GetProperty("duration_ms").GetDouble(), Is.EqualTo(150.5));
    }

    [Test]
    public void DurationAcceptsIntegersAndNumericText()
    {
        var fromInt = DocumentProbe.DocumentFor(log => log.ForContext("duration_ms", 12).Information("x"));
        var fromText = DocumentProbe.DocumentFor(log => log.ForContext("DurationMs", "7.25").Information("x"));
        Assert.That(fromInt.GetProperty("duration_ms").GetDouble(), Is.EqualTo(12));
        Assert.That(fromText.GetProperty("duration_ms").GetDouble(), Is.EqualTo(7.25));
    }

    [Test]
    public void ANonFiniteDurationHasNoValueAndIsOmitted()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("DurationMs", double.NaN).Information("took {DurationMs}"));
        Assert.That(doc.TryGetProperty("duration_ms", out _), Is.False);
        Assert.That(doc.GetProperty("metadata").TryGetProperty("DurationMs", out _), Is.False);
        Assert.That(doc.GetProperty("message").GetString(), Is.EqualTo("took NaN"), "the rendered message still tells");
    }

    [Test]
    public void AWholeDurationIsStillWrittenAsAFloatingPointNumber()
    {
        // Elasticsearch maps a field from its first value: "12" would make duration_ms a long and truncate 7.25.
        using var probe = DocumentProbe.Create();
        probe.Logger.ForContext("DurationMs", 12.0).Information("x");
        var doc = probe.Single();
        Assert.That(doc.GetProperty("duration_ms").GetRawText(), Is.EqualTo("12.0"));
    }

    [Test]
    public void MemoryAndCpuComeFromProperties()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("MemoryUsageMb", 256.0).ForContext("cpu_usage_percent", 25.5).Information("x"));
        Assert.That(doc.GetProperty("memory_usage_mb").GetDouble(), Is.EqualTo(256.0));
        Assert.That(doc.GetProperty("cpu_usage_percent").GetDouble(), Is.EqualTo(25.5));
    }

    [Test]
    public void MemoryAndCpuAreOmittedWhenNotGivenAndNotSampled()
    {
        var doc = DocumentProbe.DocumentFor(log => log.Information("x"));
        Assert.That(doc.TryGetProperty("memory_usage_mb", out _), Is.False);
        Assert.That(doc.TryGetProperty("cpu_usage_percent", out _), Is.False);
    }

    [Test]
    public void MemoryAndCpuAreSampledFromTheProcessWhenTheOptionIsOn()
    {
        var doc = DocumentProbe.DocumentFor(log => log.Information("x"), b => b.SampleProcessMetrics = true);
        var workingSetMb = System.Diagnostics.Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024.0);
        Assert.That(doc.GetProperty("memory_usage_mb").GetDouble(), Is.GreaterThan(1).And.LessThan(workingSetMb * 4));
        Assert.That(doc.GetProperty("cpu_usage_percent").GetDouble(), Is.InRange(0, 100));
    }

    [Test]
    public void APropertyWinsOverTheSampledFigure()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("MemoryUsageMb", 1.5).Information("x"), b => b.SampleProcessMetrics = true);
        Assert.That(doc.GetProperty("memory_usage_mb").GetDouble(), Is.EqualTo(1.5));
    }

    [Test]
    public void TheSamplerMeasuresCpuBetweenTwoSamples()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var sampler = new ProcessMetricsSampler(time);
        sampler.Refresh();
        time.Advance(TimeSpan.FromSeconds(2));
        var spin = DateTime.UtcNow.AddMilliseconds(50);
        while (DateTime.UtcNow < spin) { }
        sampler.Refresh();
        Assert.That(sampler.CpuUsagePercent, Is.GreaterThan(0).And.LessThanOrEqualTo(100));
        Assert.That(sampler.MemoryUsageMb, Is.GreaterThan(1));
    }
}
