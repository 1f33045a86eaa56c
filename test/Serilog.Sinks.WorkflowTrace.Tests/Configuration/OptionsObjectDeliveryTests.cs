using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Configuration;

/// <summary>A sink configured with the options object delivers as configured, through the public API.</summary>
public class OptionsObjectDeliveryTests : LoopbackServerTest
{
    [Test]
    public void ASinkConfiguredWithTheOptionsObjectWritesToTheConfiguredIndexWithTheContextDefaults()
    {
        var options = new WorkflowTraceSinkOptions
        {
            Hosts = Server.Url.ToString(),
            IndexName = "from-options",
            WorkflowName = "nightly",
            Tags = ["team:data"],
        };
        using (var logger = new LoggerConfiguration().WriteTo.WorkflowTrace(options).CreateLogger())
            logger.Information("configured in code");

        var document = Server.Documents.Single();
        Assert.Multiple(() =>
        {
            Assert.That(document.Index, Is.EqualTo("from-options"));
            Assert.That(document.Source.GetProperty("workflow_name").GetString(), Is.EqualTo("nightly"));
            Assert.That(document.Source.GetProperty("tags")[0].GetString(), Is.EqualTo("team:data"));
        });
    }

    [Test]
    public void TheConfigureActionAndTheMinimumLevelApplyToTheSink()
    {
        using (var logger = new LoggerConfiguration()
                   .MinimumLevel.Verbose()
                   .WriteTo.WorkflowTrace(o => o.Hosts = Server.Url.ToString(), restrictedToMinimumLevel: LogEventLevel.Warning)
                   .CreateLogger())
        {
            logger.Information("below the sink's level");
            logger.Warning("at the sink's level");
        }

        Assert.That(Server.Documents.Select(d => d.Source.GetProperty("message").GetString()), Is.EqualTo(new[] { "at the sink's level" }));
    }
}
