using System.Globalization;
using Serilog.Events;
using Serilog.Parsing;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Mapping;

/// <summary>Contract rows: level, message, mode, datetime, created_at.</summary>
public class EventFieldTests
{
    [TestCase(LogEventLevel.Verbose, "trace")]
    [TestCase(LogEventLevel.Debug, "debug")]
    [TestCase(LogEventLevel.Information, "info")]
    [TestCase(LogEventLevel.Warning, "warning")]
    [TestCase(LogEventLevel.Error, "error")]
    [TestCase(LogEventLevel.Fatal, "critical")]
    public void LevelIsNamedAsTheContractSays(LogEventLevel level, string expected)
    {
        var doc = DocumentProbe.DocumentFor(log => log.Write(level, "x"));
        Assert.That(doc.GetProperty("level").GetString(), Is.EqualTo(expected));
    }

    [Test]
    public void MessageIsRenderedWithStringsLiteral()
    {
        var doc = DocumentProbe.DocumentFor(log => log.Information("Processing {Count} records for {Customer}", 42, "acme"));
        Assert.That(doc.GetProperty("message").GetString(), Is.EqualTo("Processing 42 records for acme"));
    }

    [Test]
    public void MessageKeepsFormatsAndAlignment()
    {
        var doc = DocumentProbe.DocumentFor(log => log.Information("[{Name,-5}] {Amount:0.00}", "ab", 3.14159));
        Assert.That(doc.GetProperty("message").GetString(), Is.EqualTo("[ab   ] 3.14"));
    }

    [Test]
    public void MessageIsRenderedWithTheInvariantCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var doc = DocumentProbe.DocumentFor(log => log.Information("{Value}", 1.5));
            Assert.That(doc.GetProperty("message").GetString(), Is.EqualTo("1.5"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [TestCase(LogEventLevel.Verbose, "stdout")]
    [TestCase(LogEventLevel.Debug, "stdout")]
    [TestCase(LogEventLevel.Information, "stdout")]
    [TestCase(LogEventLevel.Warning, "stdout")]
    [TestCase(LogEventLevel.Error, "stderr")]
    [TestCase(LogEventLevel.Fatal, "stderr")]
    public void ModeDefaultsByLevel(LogEventLevel level, string expected)
    {
        var doc = DocumentProbe.DocumentFor(log => log.Write(level, "x"));
        Assert.That(doc.GetProperty("mode").GetString(), Is.EqualTo(expected));
    }

    [Test]
    public void ModeComesFromTheProperty()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("Mode", "file").Error("x"));
        Assert.That(doc.GetProperty("mode").GetString(), Is.EqualTo("file"));
        Assert.That(doc.GetProperty("metadata").TryGetProperty("Mode", out _), Is.False);
    }

    [Test]
    public void DatetimeIsTheEventTimestampInUtcWithMicroseconds()
    {
        var timestamp = new DateTimeOffset(2024, 1, 1, 17, 30, 15, 123, TimeSpan.FromHours(5)).AddTicks(4560);
        var doc = DocumentProbe.DocumentFor(log => log.Write(new LogEvent(
            timestamp, LogEventLevel.Information, null, new MessageTemplateParser().Parse("x"), [])));
        Assert.That(doc.GetProperty("datetime").GetString(), Is.EqualTo("2024-01-01T12:30:15.123456Z"));
        Assert.That(DateTimeOffset.Parse(doc.GetProperty("datetime").GetString()!, CultureInfo.InvariantCulture), Is.EqualTo(timestamp.AddTicks(-timestamp.Ticks % 10)));
    }

    [Test]
    public void CreatedAtIsWhenTheSinkBuiltTheDocument()
    {
        using var probe = DocumentProbe.Create();
        probe.Logger.Information("x");
        Assert.That(probe.Single().GetProperty("created_at").GetString(), Is.EqualTo("2030-01-02T03:04:05.678000Z"));
    }
}
