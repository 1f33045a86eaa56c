using Serilog;
using Serilog.Sinks.WorkflowTrace;

namespace ReadmeSnippets;

/// <summary>README.md, "Use it from code with an options object".</summary>
static class FromCodeWithOptions
{
    public static void WithAnObject()
    {
        // using Serilog; using Serilog.Sinks.WorkflowTrace;
        var options = new WorkflowTraceSinkOptions
        {
            Hosts = "https://es-node1:9200, https://es-node2:9200",
            ApiKey = Environment.GetEnvironmentVariable("ES_API_KEY"),
            BufferSize = 1000,
            FlushInterval = TimeSpan.FromSeconds(5),
            WorkflowName = "data-pipeline",
            Tags = ["service:workflow", "team:data"],
        };

        Log.Logger = new LoggerConfiguration()
            .WriteTo.WorkflowTrace(options)
            .CreateLogger();
    }

    public static void WithAnAction()
    {
        Log.Logger = new LoggerConfiguration()
            .WriteTo.WorkflowTrace(options =>
            {
                options.Hosts = "http://localhost:9200";
                options.BootstrapMode = WorkflowTraceBootstrapMode.Failure;
            })
            .CreateLogger();
    }
}
