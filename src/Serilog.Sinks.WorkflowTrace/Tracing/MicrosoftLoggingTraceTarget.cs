using Microsoft.Extensions.Logging;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Parsing;
using MelLogger = Microsoft.Extensions.Logging.ILogger;

namespace Serilog.Sinks.WorkflowTrace.Tracing;

/// <summary>
/// Writes a trace's events through a Microsoft.Extensions.Logging logger, as structured state: the template as
/// <c>{OriginalFormat}</c>, its values by hole name, and the context properties — which Serilog.Extensions.Logging
/// turns back into Serilog properties, and other providers see as ordinary state.
/// </summary>
sealed class MicrosoftLoggingTraceTarget : ITraceTarget
{
    static readonly MessageTemplateParser Parser = new();
    readonly MelLogger _logger;

    public MicrosoftLoggingTraceTarget(MelLogger logger) => _logger = logger;

    public bool IsEnabled(LogEventLevel level) => _logger.IsEnabled(Map(level));

    public void Write(LogEventLevel level, Exception? exception, string messageTemplate, object?[] values, IReadOnlyList<LogEventProperty> properties)
    {
        try
        {
            var mapped = Map(level);
            if (!_logger.IsEnabled(mapped))
                return;

            var state = new List<KeyValuePair<string, object?>>(properties.Count + values.Length + 1);
            var holes = Parser.Parse(messageTemplate).Tokens.OfType<PropertyToken>().ToArray();
            var named = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < values.Length && i < holes.Length; i++)
            {
                var name = holes[i].PropertyName;
                if (named.Add(name))
                    state.Add(new(holes[i].Destructuring == Destructuring.Destructure ? "@" + name : name, values[i]));
            }

            foreach (var property in properties)
            {
                if (named.Add(property.Name))
                    state.Add(new(property.Name, Raw(property.Value)));
            }

            state.Add(new("{OriginalFormat}", messageTemplate));
            var rendered = Render(messageTemplate, holes, values);
            _logger.Log(mapped, default, new TraceLogState(state, rendered), exception, static (s, _) => s.ToString());
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("WorkflowTrace: a trace event could not be written: {0}", ex);
        }
    }

    static string Render(string template, PropertyToken[] holes, object?[] values)
    {
        var properties = new Dictionary<string, LogEventPropertyValue>(StringComparer.Ordinal);
        for (var i = 0; i < values.Length && i < holes.Length; i++)
            properties.TryAdd(holes[i].PropertyName, new ScalarValue(values[i]));
        return Parser.Parse(template).Render(properties);
    }

    /// <summary>A property value as a plain object: scalars as they are, sequences as arrays, structures as dictionaries.</summary>
    static object? Raw(LogEventPropertyValue value) => value switch
    {
        ScalarValue scalar => scalar.Value,
        SequenceValue sequence => sequence.Elements.Select(Raw).ToArray(),
        StructureValue structure => structure.Properties.ToDictionary(p => p.Name, p => Raw(p.Value)),
        DictionaryValue dictionary => dictionary.Elements.ToDictionary(e => e.Key.Value?.ToString() ?? "", e => Raw(e.Value)),
        _ => value.ToString(),
    };

    static LogLevel Map(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => LogLevel.Trace,
        LogEventLevel.Debug => LogLevel.Debug,
        LogEventLevel.Information => LogLevel.Information,
        LogEventLevel.Warning => LogLevel.Warning,
        LogEventLevel.Error => LogLevel.Error,
        _ => LogLevel.Critical,
    };
}
