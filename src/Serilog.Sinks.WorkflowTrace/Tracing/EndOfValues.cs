namespace Serilog.Sinks.WorkflowTrace;

/// <summary>
/// Never passed: the type of the parameter that ends the values of <see cref="RunTrace"/>'s logging methods, before
/// the caller's file and line that the compiler fills. No value converts to it, so a call's last value — a string
/// too — is always taken as a value, on every C# version, and a call with more values than a method takes does
/// not compile instead of writing a value as the file name.
/// </summary>
public readonly struct EndOfValues;
