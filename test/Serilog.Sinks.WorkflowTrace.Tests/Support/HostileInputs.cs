using System.Numerics;
using Serilog.Events;
using Serilog.Parsing;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>Events built to break JSON writers and Elasticsearch's document parser.</summary>
static class HostileInputs
{
    public sealed class Node
    {
        public string Name { get; set; } = "node";
        public Node? Next { get; set; }
    }

    public sealed class ThrowingToString
    {
        public override string ToString() => throw new InvalidOperationException("ToString is broken");
    }

    static LogEvent Event(string template, params (string Name, LogEventPropertyValue Value)[] properties)
    {
        var dictionary = new Dictionary<string, LogEventPropertyValue>();
        foreach (var (name, value) in properties)
            dictionary[name] = value;
        return LogEvent.UnstableAssembleFromParts(DateTimeOffset.UtcNow, LogEventLevel.Information, null,
            new MessageTemplateParser().Parse(template), dictionary, default, default);
    }

    static LogEventPropertyValue Nest(int depth) =>
        depth == 0 ? new ScalarValue("bottom") : new StructureValue([new LogEventProperty("child", Nest(depth - 1))]);

    static LogEventPropertyValue NestSequences(int depth) =>
        depth == 0 ? new ScalarValue(1) : new SequenceValue([NestSequences(depth - 1)]);

    /// <summary>Each case by name, logged through a real logger where the input can be expressed that way.</summary>
    public static IEnumerable<(string Case, Action<ILogger> Log)> Cases()
    {
        yield return ("non-finite numbers", log => log
            .ForContext("Nan", double.NaN).ForContext("PositiveInfinity", double.PositiveInfinity)
            .ForContext("NegativeInfinity", float.NegativeInfinity)
            .ForContext("InSequence", new[] { 1.0, double.NaN, double.NegativeInfinity })
            .Information("ratio {Ratio}", double.NaN));
        yield return ("lone surrogates", log => log
            .ForContext("High", "abc\uD800def").ForContext("Low", "\uDC00")
            .ForContext("Keys", new Dictionary<string, string> { ["k\uD800"] = "v\uDFFF" })
            .Information("broken {Text} \uD83D", "x\uDBFF"));
        yield return ("control characters", log => log
            .ForContext("Controls", "\u0000\u0001\u0008\u000b\u000c\u001b\u001f\u007f\t\r\n")
            .Information("line1\nline2\u0000 {Value}", "\u0002"));
        yield return ("huge strings", log => log
            .ForContext("Huge", new string('x', 3_000_000))
            .Information("{Big}", new string('é', 1_000_000)));
        yield return ("deep structures", log => log.Write(Event("deep",
            ("DeepStructure", Nest(60)), ("DeepSequence", NestSequences(120)))));
        yield return ("cyclic-looking structures", log =>
        {
            var node = new Node { Name = "a" };
            node.Next = node;
            log.Information("cycle {@Node}", node);
        });
        yield return ("awkward property names", log => log.Write(Event("names",
            ("", new ScalarValue("empty")),
            (" ", new ScalarValue("blank")),
            ("a.b", new ScalarValue("dotted")),
            ("a_b", new ScalarValue("collides after sanitizing")),
            (".leading", new ScalarValue(1)),
            ("trailing.", new ScalarValue(2)),
            ("double..dot", new ScalarValue(3)),
            ("_id", new ScalarValue("underscore")),
            ("_source", new ScalarValue("underscore")),
            ("@timestamp", new ScalarValue("at")),
            ("Dict", new DictionaryValue([
                new KeyValuePair<ScalarValue, LogEventPropertyValue>(new ScalarValue(""), new ScalarValue("empty key")),
                new KeyValuePair<ScalarValue, LogEventPropertyValue>(new ScalarValue(1), new ScalarValue("one")),
                new KeyValuePair<ScalarValue, LogEventPropertyValue>(new ScalarValue("1"), new ScalarValue("string one")),
                new KeyValuePair<ScalarValue, LogEventPropertyValue>(new ScalarValue(null), new ScalarValue("null key")),
                new KeyValuePair<ScalarValue, LogEventPropertyValue>(new ScalarValue("x.y"), new ScalarValue("dotted key")),
            ])))));
        yield return ("exotic scalars", log => log
            .ForContext("Decimal", decimal.MaxValue).ForContext("ULong", ulong.MaxValue)
            .ForContext("Big", BigInteger.Pow(10, 40)).ForContext("Guid", Guid.NewGuid())
            .ForContext("Bytes", new byte[] { 0, 1, 255 }).ForContext("Span", TimeSpan.FromMinutes(90))
            .ForContext("Char", '\0').ForContext("Date", DateOnly.FromDateTime(DateTime.Today))
            .ForContext("Unspecified", new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Unspecified))
            .ForContext("Time", TimeOnly.FromTimeSpan(TimeSpan.FromHours(13.5)))
            .Write(Event("exotic", ("Throws", new ScalarValue(new ThrowingToString())))));
        yield return ("structure with type tag and hostile names", log => log.Write(Event("tagged",
            ("Typed", new StructureValue([
                new LogEventProperty("$type", new ScalarValue("shadow")),
                new LogEventProperty("a.b", new ScalarValue(1)),
                new LogEventProperty("a_b", new ScalarValue(2)),
            ], "Order.Line")))));
    }
}
