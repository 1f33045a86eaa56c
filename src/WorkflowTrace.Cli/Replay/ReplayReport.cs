namespace WorkflowTrace.Cli.Replay;

/// <summary>What a replay did, as <c>replay --json</c> prints it.</summary>
/// <param name="File">The file replayed.</param>
/// <param name="Replayed">Events read from it and written to the sink.</param>
/// <param name="Delivered">Of those, the events the cluster took.</param>
/// <param name="NotDelivered">Of those, the events the sink reported as not delivered.</param>
/// <param name="MalformedLines">Lines that were not CLEF events, skipped.</param>
sealed record ReplayReport(string File, int Replayed, int Delivered, int NotDelivered, int MalformedLines)
{
    /// <summary>Whether everything in the file arrived.</summary>
    public bool Complete => NotDelivered == 0 && MalformedLines == 0;
}
