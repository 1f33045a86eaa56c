using System.Diagnostics;
using Serilog;
using Serilog.Context;

namespace WorkflowTrace.Sample;

/// <summary>
/// A pipeline of stages and jobs, each job in its own <see cref="Activity"/> (so trace, span and parent span ids
/// are filled) and its own log context (run, workflow, stage, job). One job fails with an exception.
/// </summary>
sealed class SampleWorkflow(string runId)
{
    const string SourceName = "WorkflowTrace.Sample";
    static readonly ActivitySource Source = new(SourceName);

    static readonly (string Stage, string[] Jobs)[] Plan =
    [
        ("extract", ["fetch-customers", "fetch-orders"]),
        ("transform", ["validate-data", "normalize"]),
        ("load", ["write-warehouse"]),
    ];

    int _emitted;

    public async Task<int> RunAsync()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        using var workflow = Source.StartActivity("data-pipeline");
        using (LogContext.PushProperty("RunId", runId))
        using (LogContext.PushProperty("WorkflowName", "data-pipeline"))
        {
            Info("🚀 Starting workflow {WorkflowName} run {RunId}", "data-pipeline", runId);
            var failed = 0;
            foreach (var (stage, jobs) in Plan)
            {
                using var stageActivity = Source.StartActivity(stage);
                using (LogContext.PushProperty("StageName", stage))
                {
                    Log.Debug("Stage {Stage} begins with {JobCount} jobs", stage, jobs.Length);
                    _emitted++;
                    foreach (var job in jobs)
                    {
                        if (!await RunJobAsync(job))
                            failed++;
                    }
                }
            }

            if (failed > 0)
                Log.ForContext("ErrorCode", "WORKFLOW_PARTIAL").Warning("⚠️ Workflow finished with {FailedJobs} failed job(s)", failed);
            else
                Log.Information("✅ Workflow finished");
            _emitted++;
        }

        return _emitted;
    }

    async Task<bool> RunJobAsync(string job)
    {
        using var activity = Source.StartActivity(job);
        using (LogContext.PushProperty("JobName", job))
        {
            var watch = Stopwatch.StartNew();
            Info("Job {Job} started", job);
            await Task.Delay(Random.Shared.Next(5, 25));
            try
            {
                if (job == "validate-data")
                    Validate(rows: 1250);
                Log.ForContext("DurationMs", watch.Elapsed.TotalMilliseconds)
                    .Information("Job {Job} processed {RecordCount} records", job, Random.Shared.Next(100, 5000));
                _emitted++;
                return true;
            }
            catch (Exception ex)
            {
                Log.ForContext("DurationMs", watch.Elapsed.TotalMilliseconds).ForContext("ErrorCode", "VALIDATION_ERROR")
                    .Error(ex, "❌ Job {Job} failed", job);
                _emitted++;
                return false;
            }
        }
    }

    void Info(string template, params object?[] values)
    {
        Log.Information(template, values);
        _emitted++;
    }

    static void Validate(int rows)
    {
        try
        {
            throw new FormatException($"Row {rows - 7} has an unparseable date '31/02/2024'");
        }
        catch (FormatException inner)
        {
            throw new InvalidOperationException("Invalid data in customer batch", inner);
        }
    }
}
