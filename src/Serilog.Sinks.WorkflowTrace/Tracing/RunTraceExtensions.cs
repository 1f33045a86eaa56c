using System.Runtime.CompilerServices;
using Serilog.Core;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace;

/// <summary>
/// The logging methods of <see cref="RunTrace"/> that take a message alone. As the methods with values, they end
/// their values with an <see cref="EndOfValues"/> parameter: a value passed to them (a <c>null</c> the methods with
/// values cannot take) is a compile error, never the caller's file name.
/// </summary>
public static class RunTraceExtensions
{
    /// <summary>Writes an event at level Debug with a message (a template without values); the caller's file and line are recorded by the compiler.</summary>
    /// <param name="trace">The trace.</param>
    /// <param name="messageTemplate">The message, or a Serilog message template.</param>
    /// <param name="endOfValues">Never passed: it ends the values (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public static void Debug(this RunTrace trace, string messageTemplate, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(trace);
        trace.Write(LogEventLevel.Debug, null, messageTemplate, [], sourceFilePath, sourceLineNumber);
    }

    /// <summary>Writes an event at level Information with a message (a template without values); the caller's file and line are recorded by the compiler.</summary>
    /// <param name="trace">The trace.</param>
    /// <param name="messageTemplate">The message, or a Serilog message template.</param>
    /// <param name="endOfValues">Never passed: it ends the values (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public static void Info(this RunTrace trace, string messageTemplate, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(trace);
        trace.Write(LogEventLevel.Information, null, messageTemplate, [], sourceFilePath, sourceLineNumber);
    }

    /// <summary>Writes an event at level Warning with a message (a template without values); the caller's file and line are recorded by the compiler.</summary>
    /// <param name="trace">The trace.</param>
    /// <param name="messageTemplate">The message, or a Serilog message template.</param>
    /// <param name="endOfValues">Never passed: it ends the values (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public static void Warning(this RunTrace trace, string messageTemplate, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(trace);
        trace.Write(LogEventLevel.Warning, null, messageTemplate, [], sourceFilePath, sourceLineNumber);
    }

    /// <summary>Writes an event at level Error with a message (a template without values); the caller's file and line are recorded by the compiler.</summary>
    /// <param name="trace">The trace.</param>
    /// <param name="messageTemplate">The message, or a Serilog message template.</param>
    /// <param name="endOfValues">Never passed: it ends the values (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public static void Error(this RunTrace trace, string messageTemplate, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(trace);
        trace.Write(LogEventLevel.Error, null, messageTemplate, [], sourceFilePath, sourceLineNumber);
    }

    /// <summary>Writes an error event with its exception (the Python handler's <c>exception()</c>) with a message (a template without values); the caller's file and line are recorded by the compiler.</summary>
    /// <param name="trace">The trace.</param>
    /// <param name="exception">The exception: its type, message and stack trace are written (<c>exception_type</c>, <c>exception_message</c>, <c>stack_trace</c>).</param>
    /// <param name="messageTemplate">The message, or a Serilog message template.</param>
    /// <param name="endOfValues">Never passed: it ends the values (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public static void Exception(this RunTrace trace, Exception exception, string messageTemplate, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0)
    {
        ArgumentNullException.ThrowIfNull(trace);
        trace.Write(LogEventLevel.Error, exception, messageTemplate, [], sourceFilePath, sourceLineNumber);
    }
}
