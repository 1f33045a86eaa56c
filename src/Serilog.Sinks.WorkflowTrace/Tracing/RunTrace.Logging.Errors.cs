using System.Runtime.CompilerServices;
using Serilog.Core;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace;

// The logging methods with values at the levels that report a failure, Error and Exception (Error with the
// exception); the other levels, and why the overloads take this shape, are in RunTrace.Logging.cs.
public sealed partial class RunTrace
{
    /// <summary>Writes an event at level Error with a message template and 1 value; the caller's file and line are recorded by the compiler.</summary>
    /// <typeparam name="T0">Type of value 0.</typeparam>
    /// <param name="messageTemplate">Serilog message template.</param>
    /// <param name="propertyValue0">Value of the template's hole 0.</param>
    /// <param name="endOfValues">Never passed: it ends the values, so that one too many never lands in <paramref name="sourceFilePath"/> (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public void Error<T0>(string messageTemplate, T0 propertyValue0, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Error, null, messageTemplate, [propertyValue0], sourceFilePath, sourceLineNumber);

    /// <summary>Writes an event at level Error with a message template and 2 values; the caller's file and line are recorded by the compiler.</summary>
    /// <typeparam name="T0">Type of value 0.</typeparam>
    /// <typeparam name="T1">Type of value 1.</typeparam>
    /// <param name="messageTemplate">Serilog message template.</param>
    /// <param name="propertyValue0">Value of the template's hole 0.</param>
    /// <param name="propertyValue1">Value of the template's hole 1.</param>
    /// <param name="endOfValues">Never passed: it ends the values, so that one too many never lands in <paramref name="sourceFilePath"/> (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public void Error<T0, T1>(string messageTemplate, T0 propertyValue0, T1 propertyValue1, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Error, null, messageTemplate, [propertyValue0, propertyValue1], sourceFilePath, sourceLineNumber);

    /// <summary>Writes an event at level Error with a message template and 3 values; the caller's file and line are recorded by the compiler.</summary>
    /// <typeparam name="T0">Type of value 0.</typeparam>
    /// <typeparam name="T1">Type of value 1.</typeparam>
    /// <typeparam name="T2">Type of value 2.</typeparam>
    /// <param name="messageTemplate">Serilog message template.</param>
    /// <param name="propertyValue0">Value of the template's hole 0.</param>
    /// <param name="propertyValue1">Value of the template's hole 1.</param>
    /// <param name="propertyValue2">Value of the template's hole 2.</param>
    /// <param name="endOfValues">Never passed: it ends the values, so that one too many never lands in <paramref name="sourceFilePath"/> (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public void Error<T0, T1, T2>(string messageTemplate, T0 propertyValue0, T1 propertyValue1, T2 propertyValue2, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Error, null, messageTemplate, [propertyValue0, propertyValue1, propertyValue2], sourceFilePath, sourceLineNumber);

    /// <summary>Writes an event at level Error with a message template and 4 values; the caller's file and line are recorded by the compiler.</summary>
    /// <typeparam name="T0">Type of value 0.</typeparam>
    /// <typeparam name="T1">Type of value 1.</typeparam>
    /// <typeparam name="T2">Type of value 2.</typeparam>
    /// <typeparam name="T3">Type of value 3.</typeparam>
    /// <param name="messageTemplate">Serilog message template.</param>
    /// <param name="propertyValue0">Value of the template's hole 0.</param>
    /// <param name="propertyValue1">Value of the template's hole 1.</param>
    /// <param name="propertyValue2">Value of the template's hole 2.</param>
    /// <param name="propertyValue3">Value of the template's hole 3.</param>
    /// <param name="endOfValues">Never passed: it ends the values, so that one too many never lands in <paramref name="sourceFilePath"/> (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public void Error<T0, T1, T2, T3>(string messageTemplate, T0 propertyValue0, T1 propertyValue1, T2 propertyValue2, T3 propertyValue3, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Error, null, messageTemplate, [propertyValue0, propertyValue1, propertyValue2, propertyValue3], sourceFilePath, sourceLineNumber);

    /// <summary>Not available: up to four values are taken. Put more into a structured value, or use <see cref="Logger"/>.</summary>
    /// <typeparam name="T0">Type of value 0.</typeparam>
    /// <typeparam name="T1">Type of value 1.</typeparam>
    /// <typeparam name="T2">Type of value 2.</typeparam>
    /// <typeparam name="T3">Type of value 3.</typeparam>
    /// <typeparam name="T4">Type of value 4.</typeparam>
    /// <param name="messageTemplate">Serilog message template.</param>
    /// <param name="propertyValue0">Value 0.</param>
    /// <param name="propertyValue1">Value 1.</param>
    /// <param name="propertyValue2">Value 2.</param>
    /// <param name="propertyValue3">Value 3.</param>
    /// <param name="propertyValue4">Value 4.</param>
    /// <param name="endOfValues">Never passed: it ends the values, so that one too many never lands in <paramref name="sourceFilePath"/> (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    [Obsolete("RunTrace logging methods take up to four values; pass more as one structured value ({@Values}), or log through RunTrace.Logger.", error: true)]
    public void Error<T0, T1, T2, T3, T4>(string messageTemplate, T0 propertyValue0, T1 propertyValue1, T2 propertyValue2, T3 propertyValue3, T4 propertyValue4, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        throw new NotSupportedException("Up to four values are taken.");

    /// <summary>Writes an error event with its exception (the Python handler's <c>exception()</c>) with a message template and 1 value; the caller's file and line are recorded by the compiler.</summary>
    /// <typeparam name="T0">Type of value 0.</typeparam>
    /// <param name="exception">The exception: its type, message and stack trace are written (<c>exception_type</c>, <c>exception_message</c>, <c>stack_trace</c>).</param>
    /// <param name="messageTemplate">Serilog message template.</param>
    /// <param name="propertyValue0">Value of the template's hole 0.</param>
    /// <param name="endOfValues">Never passed: it ends the values, so that one too many never lands in <paramref name="sourceFilePath"/> (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public void Exception<T0>(Exception exception, string messageTemplate, T0 propertyValue0, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Error, exception, messageTemplate, [propertyValue0], sourceFilePath, sourceLineNumber);

    /// <summary>Writes an error event with its exception (the Python handler's <c>exception()</c>) with a message template and 2 values; the caller's file and line are recorded by the compiler.</summary>
    /// <typeparam name="T0">Type of value 0.</typeparam>
    /// <typeparam name="T1">Type of value 1.</typeparam>
    /// <param name="exception">The exception: its type, message and stack trace are written (<c>exception_type</c>, <c>exception_message</c>, <c>stack_trace</c>).</param>
    /// <param name="messageTemplate">Serilog message template.</param>
    /// <param name="propertyValue0">Value of the template's hole 0.</param>
    /// <param name="propertyValue1">Value of the template's hole 1.</param>
    /// <param name="endOfValues">Never passed: it ends the values, so that one too many never lands in <paramref name="sourceFilePath"/> (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public void Exception<T0, T1>(Exception exception, string messageTemplate, T0 propertyValue0, T1 propertyValue1, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Error, exception, messageTemplate, [propertyValue0, propertyValue1], sourceFilePath, sourceLineNumber);

    /// <summary>Writes an error event with its exception (the Python handler's <c>exception()</c>) with a message template and 3 values; the caller's file and line are recorded by the compiler.</summary>
    /// <typeparam name="T0">Type of value 0.</typeparam>
    /// <typeparam name="T1">Type of value 1.</typeparam>
    /// <typeparam name="T2">Type of value 2.</typeparam>
    /// <param name="exception">The exception: its type, message and stack trace are written (<c>exception_type</c>, <c>exception_message</c>, <c>stack_trace</c>).</param>
    /// <param name="messageTemplate">Serilog message template.</param>
    /// <param name="propertyValue0">Value of the template's hole 0.</param>
    /// <param name="propertyValue1">Value of the template's hole 1.</param>
    /// <param name="propertyValue2">Value of the template's hole 2.</param>
    /// <param name="endOfValues">Never passed: it ends the values, so that one too many never lands in <paramref name="sourceFilePath"/> (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public void Exception<T0, T1, T2>(Exception exception, string messageTemplate, T0 propertyValue0, T1 propertyValue1, T2 propertyValue2, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Error, exception, messageTemplate, [propertyValue0, propertyValue1, propertyValue2], sourceFilePath, sourceLineNumber);

    /// <summary>Writes an error event with its exception (the Python handler's <c>exception()</c>) with a message template and 4 values; the caller's file and line are recorded by the compiler.</summary>
    /// <typeparam name="T0">Type of value 0.</typeparam>
    /// <typeparam name="T1">Type of value 1.</typeparam>
    /// <typeparam name="T2">Type of value 2.</typeparam>
    /// <typeparam name="T3">Type of value 3.</typeparam>
    /// <param name="exception">The exception: its type, message and stack trace are written (<c>exception_type</c>, <c>exception_message</c>, <c>stack_trace</c>).</param>
    /// <param name="messageTemplate">Serilog message template.</param>
    /// <param name="propertyValue0">Value of the template's hole 0.</param>
    /// <param name="propertyValue1">Value of the template's hole 1.</param>
    /// <param name="propertyValue2">Value of the template's hole 2.</param>
    /// <param name="propertyValue3">Value of the template's hole 3.</param>
    /// <param name="endOfValues">Never passed: it ends the values, so that one too many never lands in <paramref name="sourceFilePath"/> (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public void Exception<T0, T1, T2, T3>(Exception exception, string messageTemplate, T0 propertyValue0, T1 propertyValue1, T2 propertyValue2, T3 propertyValue3, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Error, exception, messageTemplate, [propertyValue0, propertyValue1, propertyValue2, propertyValue3], sourceFilePath, sourceLineNumber);

    /// <summary>Not available: up to four values are taken. Put more into a structured value, or use <see cref="Logger"/>.</summary>
    /// <typeparam name="T0">Type of value 0.</typeparam>
    /// <typeparam name="T1">Type of value 1.</typeparam>
    /// <typeparam name="T2">Type of value 2.</typeparam>
    /// <typeparam name="T3">Type of value 3.</typeparam>
    /// <typeparam name="T4">Type of value 4.</typeparam>
    /// <param name="exception">The exception: its type, message and stack trace are written (<c>exception_type</c>, <c>exception_message</c>, <c>stack_trace</c>).</param>
    /// <param name="messageTemplate">Serilog message template.</param>
    /// <param name="propertyValue0">Value 0.</param>
    /// <param name="propertyValue1">Value 1.</param>
    /// <param name="propertyValue2">Value 2.</param>
    /// <param name="propertyValue3">Value 3.</param>
    /// <param name="propertyValue4">Value 4.</param>
    /// <param name="endOfValues">Never passed: it ends the values, so that one too many never lands in <paramref name="sourceFilePath"/> (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    [Obsolete("RunTrace logging methods take up to four values; pass more as one structured value ({@Values}), or log through RunTrace.Logger.", error: true)]
    public void Exception<T0, T1, T2, T3, T4>(Exception exception, string messageTemplate, T0 propertyValue0, T1 propertyValue1, T2 propertyValue2, T3 propertyValue3, T4 propertyValue4, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        throw new NotSupportedException("Up to four values are taken.");
}
