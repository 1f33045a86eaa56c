using Serilog;
using Serilog.Sinks.WorkflowTrace;

namespace WorkflowTrace.Cli.Demo;

/// <summary>
/// The workflow <c>workflow-trace demo</c> traces: a nightly report built in two stages of jobs, one job failing with
/// an exception (caught, so the run goes on and ends with a warning), and a child run that mails the result.
/// </summary>
sealed class DemoWorkflow(ILogger logger, string runId)
{
    /// <summary>The workflow's name in the trace.</summary>
    public const string Name = "nightly-report";

    /// <summary>The child run's id.</summary>
    public string ChildRunId { get; } = runId + "-mail";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var extras = new TraceExtras
        {
            WorkflowName = Name,
            Environment = "demo",
            UserId = "demo-user",
            Tags = ["source:workflow-trace-demo"],
            SampleProcessMetrics = false,
        };
        await using var trace = WorkflowTracing.GetTrace(logger, runId, extras: extras);
        trace.Info("🚀 Nightly report started for {Day}", DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        await trace.StageAsync("ingest", async _ =>
        {
            await JobAsync(trace, "download-sales", 60, "Downloaded {Rows} sales rows", 48_210, cancellationToken);
            await JobAsync(trace, "download-stock", 35, "Downloaded {Rows} stock rows", 9_874, cancellationToken);
        });

        var failed = 0;
        await trace.StageAsync("build", async _ =>
        {
            await JobAsync(trace, "aggregate", 90, "Aggregated into {Regions} regions", 12, cancellationToken);
            try
            {
                await trace.JobAsync("render-charts", async _ =>
                {
                    await Task.Delay(25, cancellationToken);
                    trace.Info("Rendering {Charts} charts", 12);
                    RenderChart("regional.svg");
                });
            }
            catch (InvalidOperationException failure)
            {
                // The job's scope has written the failure with its exception; the report goes out without charts.
                trace.Warning("Report continues without charts: {Reason}", failure.Message);
                failed++;
            }
        });

        await using (var mail = trace.StartChild(ChildRunId, new TraceExtras { WorkflowName = "mail-report" }))
        {
            mail.Info("✉️ Mailing the report to {List}", "reports@example.com");
            await mail.StageAsync("notify", async _ =>
                await JobAsync(mail, "send-email", 30, "Mailed the report to {Recipients} recipients", 3, cancellationToken));
        }

        trace.Warning("⚠️ Nightly report finished with {Failed} failed job(s)", failed);
    }

    static async Task JobAsync<T>(RunTrace trace, string job, int milliseconds, string template, T value, CancellationToken cancellationToken) =>
        await trace.JobAsync(job, async _ =>
        {
            await Task.Delay(milliseconds, cancellationToken);
            trace.Info(template, value);
        });

    static void RenderChart(string template)
    {
        try
        {
            throw new FileNotFoundException($"Chart template '{template}' was not found", template);
        }
        catch (FileNotFoundException missing)
        {
            throw new InvalidOperationException("Cannot render the regional chart", missing);
        }
    }
}
