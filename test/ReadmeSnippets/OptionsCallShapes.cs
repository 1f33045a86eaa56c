using Serilog;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace;

namespace ReadmeSnippets;

/// <summary>
/// Not from the README: each shape of <c>WriteTo.WorkflowTrace</c> call, which must bind without ambiguity at every
/// C# version the package's frameworks default to, now that the flat method has overloads taking an options object.
/// </summary>
static class OptionsCallShapes
{
    public static void Configure(LoggerConfiguration c)
    {
        c.WriteTo.WorkflowTrace();
        c.WriteTo.WorkflowTrace("http://localhost:9200");
        c.WriteTo.WorkflowTrace(hosts: "http://localhost:9200");
        c.WriteTo.WorkflowTrace(restrictedToMinimumLevel: LogEventLevel.Warning);
        c.WriteTo.WorkflowTrace(new WorkflowTraceSinkOptions());
        c.WriteTo.WorkflowTrace(new WorkflowTraceSinkOptions(), LogEventLevel.Warning);
        c.WriteTo.WorkflowTrace(options: new WorkflowTraceSinkOptions(), levelSwitch: null);
        c.WriteTo.WorkflowTrace(o => o.IndexName = "traces");
        c.WriteTo.WorkflowTrace(o => { o.IndexName = "traces"; }, restrictedToMinimumLevel: LogEventLevel.Warning);
        c.WriteTo.WorkflowTrace(configure: o => o.IndexName = "traces");
        c.WriteTo.FallbackChain(
            wt => wt.WorkflowTrace(hosts: "http://localhost:9200"),
            wt => wt.WorkflowTrace(o => o.Hosts = "http://localhost:9201"));
    }
}
