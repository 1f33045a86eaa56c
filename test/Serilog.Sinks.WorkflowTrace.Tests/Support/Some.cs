using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>
/// Builders of test values, as Serilog.Sinks.Seq's tests have them: each call gives a fresh, distinct value, and a
/// test names only what it cares about.
/// </summary>
static class Some
{
    static int _counter;

    static readonly Serilog.ILogger Binder = new LoggerConfiguration().CreateLogger();

    /// <summary>A number not given out before.</summary>
    public static int Int() => Interlocked.Increment(ref _counter);

    /// <summary>A text not given out before, starting with <paramref name="tag"/>.</summary>
    public static string String(string tag = "text") => $"{tag}-{Int()}";

    /// <summary>A moment not given out before, each a second after the last.</summary>
    public static DateTimeOffset Instant() => new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero).AddSeconds(Int());

    /// <summary>An event of <paramref name="level"/>; without a template, one with a literal text of its own.</summary>
    public static LogEvent LogEvent(LogEventLevel level, string? messageTemplate = null, Exception? exception = null, params object?[] propertyValues)
    {
        if (!Binder.BindMessageTemplate(messageTemplate ?? String(level.ToString().ToLowerInvariant()), propertyValues, out var template, out var properties))
            throw new ArgumentException($"the template '{messageTemplate}' could not be bound", nameof(messageTemplate));
        return new LogEvent(Instant(), level, exception, template, properties);
    }

    public static LogEvent InformationEvent(string? messageTemplate = null, params object?[] propertyValues) =>
        LogEvent(LogEventLevel.Information, messageTemplate, null, propertyValues);

    public static LogEvent WarningEvent(string? messageTemplate = null, params object?[] propertyValues) =>
        LogEvent(LogEventLevel.Warning, messageTemplate, null, propertyValues);

    /// <summary>An error event carrying an exception that has been thrown (so it has a stack trace).</summary>
    public static LogEvent ErrorEvent(string? messageTemplate = null, params object?[] propertyValues) =>
        LogEvent(LogEventLevel.Error, messageTemplate, ThrownException(), propertyValues);

    /// <summary><paramref name="count"/> information events, each with a text of its own.</summary>
    public static IReadOnlyList<LogEvent> InformationEvents(int count) =>
        Enumerable.Range(0, count).Select(_ => InformationEvent()).ToList();

    /// <summary>An exception that has been thrown and caught.</summary>
    public static Exception ThrownException(string? message = null)
    {
        try
        {
            throw new InvalidOperationException(message ?? String("failure"));
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }
}
