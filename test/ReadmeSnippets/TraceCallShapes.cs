using Serilog.Sinks.WorkflowTrace;

namespace ReadmeSnippets;

/// <summary>
/// Not from the README: a RunTrace logging call of each shape, which must bind to the intended method at every C#
/// version the package's frameworks default to (C# 12 reported CS0121 for the first one before EndOfValues).
/// </summary>
static class TraceCallShapes
{
    public static void Write(RunTrace trace, Exception exception)
    {
        trace.Info("{Count} records for {Customer}", 42, "acme");
        trace.Info("Report sent to {Recipient}", "data-team@example.com");
        trace.Info("Plain message");
        trace.Debug("{A} {B} {C}", "a", "b", "c");
        trace.Warning("{A} {B} {C} {D}", 1, "b", 3.0, "d");
        trace.Error("{Code} for {Customer}", 500, "acme");
        trace.Exception(exception, "Failed at {Step} for {Customer}", "load", "acme");
        trace.Exception(exception, "Failed");
    }
}
