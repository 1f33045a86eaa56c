namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>
/// When appended lines are pushed to the operating system and forced to the disk (fsync,
/// <see cref="FileStream.Flush(bool)"/> with <c>true</c>).
/// </summary>
sealed record BufferFlush
{
    BufferFlush(TimeSpan interval) => Interval = interval;

    /// <summary>
    /// Every append is written and fsynced before it returns: a SIGKILL or a power cut loses nothing an append
    /// returned for. The slowest policy: one fsync per event.
    /// </summary>
    public static BufferFlush WriteThrough { get; } = new(TimeSpan.Zero);

    /// <summary>
    /// Lines are kept in the writer's memory buffer and written and fsynced together at most every
    /// <paramref name="interval"/> (and whenever that buffer fills, which writes but does not fsync). A SIGKILL or
    /// a power cut loses the lines appended since the last flush, at most one interval's worth, and may leave a
    /// torn last line, which the reader sets aside.
    /// </summary>
    public static BufferFlush Every(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return new(interval);
    }

    /// <summary>Zero for write-through, otherwise the longest time between two flushes.</summary>
    public TimeSpan Interval { get; }

    /// <summary>True when every append is fsynced.</summary>
    public bool IsWriteThrough => Interval == TimeSpan.Zero;

    /// <inheritdoc />
    public override string ToString() => IsWriteThrough ? "WriteThrough" : $"Every({Interval})";
}
