using Serilog.Sinks.WorkflowTrace.PerfHarness;

// dotnet run -c Release --project test/Serilog.Sinks.WorkflowTrace.PerfHarness [-- --events N --rounds R --matrix]
var options = HarnessOptions.Parse(args);
return options.Mode switch
{
    "server" => await IngestServer.RunAsync(),
    "client" => await ClientRun.RunAsync(options),
    "limit-serialize" => Limits.Serialize(options),
    "limit-post" => await Limits.PostAsync(options),
    "profile" => Profile.Run(),
    _ => await Orchestrator.RunAsync(options),
};

