using PublicApiGenerator;

namespace Serilog.Sinks.WorkflowTrace.Tests.PublicApi;

/// <summary>The public surface changes only on purpose: compare it with the approved text.</summary>
public class PublicApiTests
{
    [Test]
    public void ThePublicApiIsTheApprovedOne()
    {
        var api = typeof(WorkflowTraceLoggerConfigurationExtensions).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            IncludeAssemblyAttributes = false,
        }).ReplaceLineEndings("\n");
        var approvedPath = Path.Combine(TestContext.CurrentContext.TestDirectory, "PublicApi", "Serilog.Sinks.WorkflowTrace.approved.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";
        if (api != approved)
        {
            var receivedPath = Path.Combine(TestContext.CurrentContext.WorkDirectory, "Serilog.Sinks.WorkflowTrace.received.txt");
            File.WriteAllText(receivedPath, api);
            TestContext.Out.WriteLine($"The public API changed. If that is intended, copy {receivedPath} over test/Serilog.Sinks.WorkflowTrace.Tests/PublicApi/Serilog.Sinks.WorkflowTrace.approved.txt");
        }
        Assert.That(api, Is.EqualTo(approved));
    }
}
