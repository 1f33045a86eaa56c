using Serilog.Sinks.WorkflowTrace.PerfHarness;

// dotnet run -c Release --project test/Serilog.Sinks.WorkflowTrace.PerfHarness [-- --events N --rounds R --matrix]
// dotnet run -c Release --project test/Serilog.Sinks.WorkflowTrace.PerfHarness -- read [--rounds R]   (reading a run back)
// dotnet run -c Release --project test/Serilog.Sinks.WorkflowTrace.PerfHarness -- durable [--events N --rounds R --write-through-events W]   (the durable buffer's cost)
// dotnet run -c Release --project test/Serilog.Sinks.WorkflowTrace.PerfHarness -- steady [--duration S --probe-seconds P --threads T --sinks ours,durable,seq,none]   (steady load: latency, CPU)
var options = HarnessOptions.Parse(args);
return options.Mode switch
{
    "server" => await IngestServer.RunAsync(),
    "client" => await ClientRun.RunAsync(options),
    "limit-serialize" => Limits.Serialize(options),
    "limit-post" => await Limits.PostAsync(options),
    "profile" => Profile.Run(),
    "steady" => await SteadyMode.RunAsync(options),
    "steady-client" => await SteadyClient.RunAsync(options),
    "read" => await ReadRun.OrchestrateAsync(options),
    "read-client" => await ReadRun.ReadAsync(options),
    "fake-es" => await ReadServer.RunAsync(),
    _ => await Orchestrator.RunAsync(options),
};

