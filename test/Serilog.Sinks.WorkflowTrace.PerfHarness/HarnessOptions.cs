namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>Command-line options shared by the harness's modes.</summary>
sealed record HarnessOptions
{
    public string Mode { get; init; } = "run";
    public string Sink { get; init; } = "ours";
    public string Url { get; init; } = "";
    public int Events { get; init; } = 1_000_000;
    public int Threads { get; init; } = 1;
    /// <summary>Events per request; null leaves each sink's default (ours: WorkflowTraceDefaults.BufferSize, Seq's: 1,000).</summary>
    public int? Batch { get; init; }
    /// <summary>Compression on or off; null leaves the sink's default (on).</summary>
    public bool? Gzip { get; init; }
    /// <summary>Measured rounds of each configuration: 5 for the head to head, 3 for the (longer) matrix and durable mode, unless given.</summary>
    public int? RoundsGiven { get; init; }
    public int Rounds => RoundsGiven ?? (Matrix || Mode == "durable" ? 3 : 5);
    public bool Matrix { get; init; }
    public string Name { get; init; } = "";
    /// <summary>The durable buffer of a run (<see cref="HarnessLogger.Durable"/>, <see cref="HarnessLogger.WriteThrough"/>); null keeps events in memory.</summary>
    public string? Buffer { get; init; }
    /// <summary>Events of the durable mode's write-through run (one fsync per call): a quarter of the others' unless given.</summary>
    public int? WriteThroughEventsGiven { get; init; }
    public int WriteThroughEvents => WriteThroughEventsGiven ?? Math.Max(1, Events / 4);

    public static HarnessOptions Parse(string[] args)
    {
        var options = new HarnessOptions { Mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "run" };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--sink" => options with { Sink = Next() },
                "--url" => options with { Url = Next() },
                "--events" => options with { Events = int.Parse(Next()) },
                "--threads" => options with { Threads = int.Parse(Next()) },
                "--batch" => options with { Batch = int.Parse(Next()) },
                "--gzip" => options with { Gzip = true },
                "--no-gzip" => options with { Gzip = false },
                "--rounds" => options with { RoundsGiven = int.Parse(Next()) },
                "--matrix" => options with { Matrix = true },
                "--name" => options with { Name = Next() },
                "--buffer" => options with { Buffer = Next() },
                "--write-through-events" => options with { WriteThroughEventsGiven = int.Parse(Next()) },
                _ => options,
            };
        }
        return options;
    }

    public string[] ClientArguments() =>
        ["client", "--sink", Sink, "--url", Url, "--events", Events.ToString(), "--threads", Threads.ToString(),
         .. Batch is { } batch ? new[] { "--batch", batch.ToString() } : [], "--name", Name, .. Gzip switch { true => new[] { "--gzip" }, false => ["--no-gzip"], null => [] },
         .. Buffer is { } buffer ? new[] { "--buffer", buffer } : []];
}
