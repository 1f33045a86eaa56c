namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>Command-line options shared by the harness's modes.</summary>
sealed record HarnessOptions
{
    public string Mode { get; init; } = "run";
    public string Sink { get; init; } = "ours";
    public string Url { get; init; } = "";
    public int Events { get; init; } = 1_000_000;
    public int Threads { get; init; } = 1;
    /// <summary>Whether <c>--threads</c> was given: the steady mode then runs that thread count alone instead of 1 and 4.</summary>
    public bool ThreadsGiven { get; init; }
    /// <summary>Steady mode: events per second, all threads together.</summary>
    public int Rate { get; init; }
    /// <summary>Steady mode: seconds of each measured run (the issue asks for 60).</summary>
    public double DurationSeconds { get; init; } = 60;
    /// <summary>Steady mode: seconds of each probe of the search for the highest sustained rate.</summary>
    public double ProbeSeconds { get; init; } = 5;
    /// <summary>Steady mode: a probe, which reports the backlog at its end and exits without waiting for delivery.</summary>
    public bool Probe { get; init; }
    /// <summary>Steady mode: the sinks to run (ours, durable, seq, none); all unless given.</summary>
    public string[] Sinks { get; init; } = ["ours", "durable", "seq", "none"];
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
                "--threads" => options with { Threads = int.Parse(Next()), ThreadsGiven = true },
                "--rate" => options with { Rate = int.Parse(Next()) },
                "--duration" => options with { DurationSeconds = double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--probe-seconds" => options with { ProbeSeconds = double.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture) },
                "--probe" => options with { Probe = true },
                "--sinks" => options with { Sinks = Next().Split(',', StringSplitOptions.RemoveEmptyEntries) },
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

    /// <summary>The arguments of a steady-mode child process (<see cref="SteadyClient"/>).</summary>
    public string[] SteadyArguments() =>
        ["steady-client", "--sink", Sink, "--url", Url, "--threads", Threads.ToString(), "--rate", Rate.ToString(), "--name", Name,
         "--events", Events.ToString(), "--duration", DurationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
         .. Probe ? new[] { "--probe" } : [], .. Buffer is { } buffer ? new[] { "--buffer", buffer } : []];

    public string[] ClientArguments() =>
        ["client", "--sink", Sink, "--url", Url, "--events", Events.ToString(), "--threads", Threads.ToString(),
         .. Batch is { } batch ? new[] { "--batch", batch.ToString() } : [], "--name", Name, .. Gzip switch { true => new[] { "--gzip" }, false => ["--no-gzip"], null => [] },
         .. Buffer is { } buffer ? new[] { "--buffer", buffer } : []];
}
