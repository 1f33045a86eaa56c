namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>A place in the buffer: a segment number and a byte offset in that segment.</summary>
readonly record struct BufferPosition(long Segment, long Offset) : IComparable<BufferPosition>
{
    /// <summary>The start of the buffer, before the first segment.</summary>
    public static BufferPosition Start => new(0, 0);

    /// <inheritdoc />
    public int CompareTo(BufferPosition other) =>
        Segment != other.Segment ? Segment.CompareTo(other.Segment) : Offset.CompareTo(other.Offset);

    /// <inheritdoc />
    public override string ToString() => $"{BufferSegments.FileName(Segment)}@{Offset}";
}
