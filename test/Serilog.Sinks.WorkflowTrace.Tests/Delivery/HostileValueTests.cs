using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using static Serilog.Sinks.WorkflowTrace.Tests.Support.HostileValues;

namespace Serilog.Sinks.WorkflowTrace.Tests.Delivery;

/// <summary>
/// A value or exception that throws from whatever the sink reads of it — even an exception whose own Message
/// throws — costs that event a placeholder naming what failed, never the delivery of the events after it; neither
/// the loop nor Dispose throws into the application.
/// </summary>
public class HostileValueTests : LoopbackServerTest
{
    const int Ordinary = 50;

    static LogEvent Event(string template, Exception? exception, params (string Name, LogEventPropertyValue Value)[] properties) =>
        LogEvent.UnstableAssembleFromParts(DateTimeOffset.UtcNow, LogEventLevel.Error, exception, new MessageTemplateParser().Parse(template),
            properties.ToDictionary(p => p.Name, p => p.Value), default, default);

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("a property whose ToString throws", log => log.Write(Event("property", null, ("Bad", new ScalarValue(new ThrowingValue())))));
        // Serilog's own ForContext(name, value) calls ToString as it captures (and throws); an enricher hands the sink the raw value.
        yield return Case("a context property whose ToString throws", log => log.ForContext(Raw("Bad", new ThrowingValue())).Error("context"));
        yield return Case("a message template hole whose ToString throws", log => log.Error("hole {Bad}", new ThrowingValue()));
        yield return Case("a hole whose formatting throws", log => log.Write(Event("formatted {Bad:0.00}", null, ("Bad", new ScalarValue(new ThrowingFormattable())))));
        yield return Case("a hole with alignment whose ToString throws", log => log.Write(Event("aligned {Bad,20}", null, ("Bad", new ScalarValue(new ThrowingValue())))));
        yield return Case("an exception nothing can be read from", log => log.Error(new UnreadableException(), "exception"));
        yield return Case("an exception whose inner exception cannot be read", log => log.Error(new InvalidOperationException("outer", new UnreadableException()), "inner"));
        yield return Case("an unreadable exception wrapping another", log => log.Error(new UnreadableException(new UnreadableException()), "both"));
        yield return Case("an enumerable whose enumeration throws", log => log.Error("items {Items}", new ThrowingEnumerable()));
        yield return Case("a destructured object whose getter throws", log => log.Error("object {@Object}", new ThrowingGetter()));
        yield return Case("a structure holding a throwing value", log => log.Write(Event("structure {Object}", null,
            ("Object", new StructureValue([new LogEventProperty("Inner", new ScalarValue(new ThrowingValue()))])))));
        yield return Case("a sequence holding a throwing value", log => log.Write(Event("sequence {Items}", null,
            ("Items", new SequenceValue([new ScalarValue(1), new ScalarValue(new ThrowingValue())])))));
        yield return Case("a dictionary whose key throws", log => log.Write(Event("dictionary {Map}", null,
            ("Map", new DictionaryValue([new KeyValuePair<ScalarValue, LogEventPropertyValue>(new ScalarValue(new ThrowingValue()), new ScalarValue(1))])))));
        yield return Case("a value of an unknown kind that cannot be rendered", log => log.Write(Event("unknown {Odd}", null, ("Odd", new UnrenderableValue()))));
        yield return Case("a context field whose ToString throws", log => log.ForContext(Raw("run_id", new ThrowingValue())).ForContext(Raw("duration_ms", new ThrowingFormattable())).Error("fields"));
    }

    /// <summary>Adds a property holding <paramref name="value"/> itself as a scalar, as an enricher may.</summary>
    static ILogEventEnricher Raw(string name, object value) => new RawPropertyEnricher(name, value);

    sealed class RawPropertyEnricher(string name, object value) : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) =>
            logEvent.AddPropertyIfAbsent(new LogEventProperty(name, new ScalarValue(value)));
    }

    static TestCaseData Case(string name, Action<ILogger> log) => new TestCaseData(log).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Cases))]
    public void AHostileValueCostsOnlyItsOwnEventAndEveryLaterEventIsDelivered(Action<ILogger> logHostile)
    {
        var fallback = new ListSink();
        var logger = new LoggerConfiguration()
            .WriteTo.FallbackChain(wt => wt.WorkflowTrace(hosts: Server.Url.ToString(), bufferSize: 10, flushInterval: TimeSpan.FromMilliseconds(100)), wt => wt.Sink(fallback))
            .CreateLogger();
        logHostile(logger);
        for (var i = 0; i < Ordinary; i++)
            logger.Information("ordinary {Number}", i);

        Assert.DoesNotThrow(logger.Dispose, "Dispose must not throw into the application");

        var ordinary = Server.Documents.Count(d => d.Source.GetProperty("level").GetString() == "info");
        Assert.That(ordinary, Is.EqualTo(Ordinary), "every later event is delivered");
        var hostile = Server.Documents.Where(d => d.Source.GetProperty("level").GetString() == "error").ToList();
        Assert.That(hostile.Count + fallback.Events.Count, Is.EqualTo(1), "the hostile event is stored or reported, once");
        Assert.That(hostile, Has.Count.EqualTo(1), "stored, with a placeholder where a value could not be read");
    }

    [Test]
    public void APlaceholderNamesWhatFailed()
    {
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(hosts: Server.Url.ToString()).CreateLogger())
            logger.Write(Event("hole {Bad}", new UnreadableException(), ("Bad", new ScalarValue(new ThrowingValue()))));

        var document = Server.Documents.Single().Source;
        const string placeholder = "<ToString() threw UnreadableException>";
        Assert.That(document.GetProperty("message").GetString(), Is.EqualTo("hole " + placeholder));
        Assert.That(document.GetProperty("metadata").GetProperty("Bad").GetString(), Is.EqualTo(placeholder));
        Assert.That(document.GetProperty("exception_type").GetString(), Does.EndWith("UnreadableException"));
        Assert.That(document.GetProperty("exception_message").GetString(), Is.EqualTo("<Message threw UnreadableException>"));
        Assert.That(document.GetProperty("stack_trace").GetString(), Does.Contain("<ToString() threw UnreadableException>"));
    }

}
