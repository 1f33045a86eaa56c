using System.Runtime.CompilerServices;
using Serilog.Core;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace;

// The logging methods with values: one to four, each a generic parameter as in Serilog's ILogger, then the caller's
// file and line. An EndOfValues parameter sits between the two, so that overload resolution needs no priorities and
// is the same on every C# version (12 for a net8.0 project): a call's last value, even a string, can only be a value.
// Debug, Info and Warning here; Error and Exception in RunTrace.Logging.Errors.cs.
public sealed partial class RunTrace
{
    /// <summary>Writes an event at level Debug with a message template and 1 value; the caller's file and line are recorded by the compiler.</summary>
    /// <typeparam name="T0">Type of value 0.</typeparam>
    /// <param name="messageTemplate">Serilog message template.</param>
    /// <param name="propertyValue0">Value of the template's hole 0.</param>
    /// <param name="endOfValues">Never passed: it ends the values, so that one too many never lands in <paramref name="sourceFilePath"/> (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public void Debug<T0>(string messageTemplate, T0 propertyValue0, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Debug, null, messageTemplate, [propertyValue0], sourceFilePath, sourceLineNumber);

    /// <summary>Writes an event at level Debug with a message template and 2 values; the caller's file and line are recorded by the compiler.</summary>
    /// <typeparam name="T0">Type of value 0.</typeparam>
    /// <typeparam name="T1">Type of value 1.</typeparam>
    /// <param name="messageTemplate">Serilog message template.</param>
    /// <param name="propertyValue0">Value of the template's hole 0.</param>
    /// <param name="propertyValue1">Value of the template's hole 1.</param>
    /// <param name="endOfValues">Never passed: it ends the values, so that one too many never lands in <paramref name="sourceFilePath"/> (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public void Debug<T0, T1>(string messageTemplate, T0 propertyValue0, T1 propertyValue1, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Debug, null, messageTemplate, [propertyValue0, propertyValue1], sourceFilePath, sourceLineNumber);

    /// <summary>Writes an event at level Debug with a message template and 3 values; the caller's file and line are recorded by the compiler.</summary>
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
    public void Debug<T0, T1, T2>(string messageTemplate, T0 propertyValue0, T1 propertyValue1, T2 propertyValue2, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Debug, null, messageTemplate, [propertyValue0, propertyValue1, propertyValue2], sourceFilePath, sourceLineNumber);

    /// <summary>Writes an event at level Debug with a message template and 4 values; the caller's file and line are recorded by the compiler.</summary>
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
    public void Debug<T0, T1, T2, T3>(string messageTemplate, T0 propertyValue0, T1 propertyValue1, T2 propertyValue2, T3 propertyValue3, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Debug, null, messageTemplate, [propertyValue0, propertyValue1, propertyValue2, propertyValue3], sourceFilePath, sourceLineNumber);

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
    public void Debug<T0, T1, T2, T3, T4>(string messageTemplate, T0 propertyValue0, T1 propertyValue1, T2 propertyValue2, T3 propertyValue3, T4 propertyValue4, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        throw new NotSupportedException("Up to four values are taken.");

    /// <summary>Writes an event at level Information with a message template and 1 value; the caller's file and line are recorded by the compiler.</summary>
    /// <typeparam name="T0">Type of value 0.</typeparam>
    /// <param name="messageTemplate">Serilog message template.</param>
    /// <param name="propertyValue0">Value of the template's hole 0.</param>
    /// <param name="endOfValues">Never passed: it ends the values, so that one too many never lands in <paramref name="sourceFilePath"/> (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public void Info<T0>(string messageTemplate, T0 propertyValue0, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Information, null, messageTemplate, [propertyValue0], sourceFilePath, sourceLineNumber);

    /// <summary>Writes an event at level Information with a message template and 2 values; the caller's file and line are recorded by the compiler.</summary>
    /// <typeparam name="T0">Type of value 0.</typeparam>
    /// <typeparam name="T1">Type of value 1.</typeparam>
    /// <param name="messageTemplate">Serilog message template.</param>
    /// <param name="propertyValue0">Value of the template's hole 0.</param>
    /// <param name="propertyValue1">Value of the template's hole 1.</param>
    /// <param name="endOfValues">Never passed: it ends the values, so that one too many never lands in <paramref name="sourceFilePath"/> (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public void Info<T0, T1>(string messageTemplate, T0 propertyValue0, T1 propertyValue1, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Information, null, messageTemplate, [propertyValue0, propertyValue1], sourceFilePath, sourceLineNumber);

    /// <summary>Writes an event at level Information with a message template and 3 values; the caller's file and line are recorded by the compiler.</summary>
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
    public void Info<T0, T1, T2>(string messageTemplate, T0 propertyValue0, T1 propertyValue1, T2 propertyValue2, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Information, null, messageTemplate, [propertyValue0, propertyValue1, propertyValue2], sourceFilePath, sourceLineNumber);

    /// <summary>Writes an event at level Information with a message template and 4 values; the caller's file and line are recorded by the compiler.</summary>
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
    public void Info<T0, T1, T2, T3>(string messageTemplate, T0 propertyValue0, T1 propertyValue1, T2 propertyValue2, T3 propertyValue3, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Information, null, messageTemplate, [propertyValue0, propertyValue1, propertyValue2, propertyValue3], sourceFilePath, sourceLineNumber);

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
    public void Info<T0, T1, T2, T3, T4>(string messageTemplate, T0 propertyValue0, T1 propertyValue1, T2 propertyValue2, T3 propertyValue3, T4 propertyValue4, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        throw new NotSupportedException("Up to four values are taken.");

    /// <summary>Writes an event at level Warning with a message template and 1 value; the caller's file and line are recorded by the compiler.</summary>
    /// <typeparam name="T0">Type of value 0.</typeparam>
    /// <param name="messageTemplate">Serilog message template.</param>
    /// <param name="propertyValue0">Value of the template's hole 0.</param>
    /// <param name="endOfValues">Never passed: it ends the values, so that one too many never lands in <paramref name="sourceFilePath"/> (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public void Warning<T0>(string messageTemplate, T0 propertyValue0, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Warning, null, messageTemplate, [propertyValue0], sourceFilePath, sourceLineNumber);

    /// <summary>Writes an event at level Warning with a message template and 2 values; the caller's file and line are recorded by the compiler.</summary>
    /// <typeparam name="T0">Type of value 0.</typeparam>
    /// <typeparam name="T1">Type of value 1.</typeparam>
    /// <param name="messageTemplate">Serilog message template.</param>
    /// <param name="propertyValue0">Value of the template's hole 0.</param>
    /// <param name="propertyValue1">Value of the template's hole 1.</param>
    /// <param name="endOfValues">Never passed: it ends the values, so that one too many never lands in <paramref name="sourceFilePath"/> (see <see cref="EndOfValues"/>).</param>
    /// <param name="sourceFilePath">Filled by the compiler.</param>
    /// <param name="sourceLineNumber">Filled by the compiler.</param>
    [MessageTemplateFormatMethod("messageTemplate")]
    public void Warning<T0, T1>(string messageTemplate, T0 propertyValue0, T1 propertyValue1, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Warning, null, messageTemplate, [propertyValue0, propertyValue1], sourceFilePath, sourceLineNumber);

    /// <summary>Writes an event at level Warning with a message template and 3 values; the caller's file and line are recorded by the compiler.</summary>
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
    public void Warning<T0, T1, T2>(string messageTemplate, T0 propertyValue0, T1 propertyValue1, T2 propertyValue2, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Warning, null, messageTemplate, [propertyValue0, propertyValue1, propertyValue2], sourceFilePath, sourceLineNumber);

    /// <summary>Writes an event at level Warning with a message template and 4 values; the caller's file and line are recorded by the compiler.</summary>
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
    public void Warning<T0, T1, T2, T3>(string messageTemplate, T0 propertyValue0, T1 propertyValue1, T2 propertyValue2, T3 propertyValue3, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        Write(LogEventLevel.Warning, null, messageTemplate, [propertyValue0, propertyValue1, propertyValue2, propertyValue3], sourceFilePath, sourceLineNumber);

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
    public void Warning<T0, T1, T2, T3, T4>(string messageTemplate, T0 propertyValue0, T1 propertyValue1, T2 propertyValue2, T3 propertyValue3, T4 propertyValue4, EndOfValues endOfValues = default, [CallerFilePath] string sourceFilePath = "", [CallerLineNumber] int sourceLineNumber = 0) =>
        throw new NotSupportedException("Up to four values are taken.");
}
