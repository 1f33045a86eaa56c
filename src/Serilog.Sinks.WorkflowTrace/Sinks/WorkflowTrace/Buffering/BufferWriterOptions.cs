namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>How a <see cref="BufferWriter"/> rolls, bounds and flushes its segments. Each default is its initialiser.</summary>
sealed record BufferWriterOptions
{
    /// <summary>A segment is closed and a new one started before it would grow past this many bytes. Default 16 MiB.</summary>
    public long SegmentSizeLimit { get; init; } = 16L * 1024 * 1024;

    /// <summary>The most bytes all segments together may hold. Default 1 GiB; at least twice <see cref="SegmentSizeLimit"/>.</summary>
    public long SizeLimit { get; init; } = 1024L * 1024 * 1024;

    /// <summary>When lines reach the disk. Default every 2 seconds (see <see cref="BufferFlush.Every"/>).</summary>
    public BufferFlush Flush { get; init; } = BufferFlush.Every(TimeSpan.FromSeconds(2));

    /// <summary>What happens when <see cref="SizeLimit"/> is reached. Default <see cref="WorkflowTraceBufferFullMode.DropOldest"/>.</summary>
    public WorkflowTraceBufferFullMode FullMode { get; init; } = WorkflowTraceBufferFullMode.DropOldest;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(SegmentSizeLimit, 1024, nameof(SegmentSizeLimit));
        if (SizeLimit < 2 * SegmentSizeLimit)
            throw new ArgumentOutOfRangeException(nameof(SizeLimit), SizeLimit,
                $"The buffer size limit must be at least twice the segment size limit ({2 * SegmentSizeLimit} bytes).");
        ArgumentNullException.ThrowIfNull(Flush, nameof(Flush));
        if (!Enum.IsDefined(FullMode))
            throw new ArgumentOutOfRangeException(nameof(FullMode), FullMode, "Unknown buffer full mode.");
    }
}
