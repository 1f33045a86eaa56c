namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// An HDR-style latency histogram: log-linear buckets with 2 significant digits (10, 11, … 99 × 10^k ns) from
/// 10 ns to 10 s, so every value is kept to within 10 % of itself whatever its size, in a fixed array of 810 counts
/// (recording allocates nothing and takes no lock: one histogram per thread, merged at the end). A percentile is the
/// upper edge of its bucket, as HdrHistogram's "highest equivalent value"; the maximum is kept exactly.
/// </summary>
sealed class LatencyHistogram
{
    const int Decades = 9;          // 10 ns … 10 s
    const int PerDecade = 90;       // mantissas 10 … 99
    const long Lowest = 10;
    const long Highest = 10_000_000_000;

    readonly long[] _counts = new long[Decades * PerDecade];

    /// <summary>Values recorded.</summary>
    public long Count { get; private set; }

    /// <summary>The largest value recorded, in nanoseconds, exactly.</summary>
    public long MaxNanoseconds { get; private set; }

    /// <summary>Records one value in nanoseconds; values under 10 ns count as 10 ns, values over 10 s as 10 s.</summary>
    public void Record(long nanoseconds)
    {
        if (nanoseconds > MaxNanoseconds)
            MaxNanoseconds = nanoseconds;
        _counts[IndexOf(nanoseconds)]++;
        Count++;
    }

    /// <summary>Adds another histogram's counts to this one.</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
            _counts[i] += other._counts[i];
        Count += other.Count;
        MaxNanoseconds = Math.Max(MaxNanoseconds, other.MaxNanoseconds);
    }

    /// <summary>The value at or under which <paramref name="percentile"/> % of the values lie (its bucket's upper edge, at most the maximum).</summary>
    public long PercentileNanoseconds(double percentile)
    {
        if (Count == 0)
            return 0;
        var rank = (long)Math.Ceiling(percentile / 100 * Count);
        rank = Math.Clamp(rank, 1, Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
                return Math.Min(UpperEdge(i), MaxNanoseconds);
        }
        return MaxNanoseconds;
    }

    static int IndexOf(long value)
    {
        value = Math.Clamp(value, Lowest, Highest - 1);
        var decade = 0;
        var scale = 1L;             // 10^decade: the value's two leading digits are value / scale
        while (value / scale >= 100)
        {
            scale *= 10;
            decade++;
        }
        return decade * PerDecade + (int)(value / scale) - 10;
    }

    static long UpperEdge(int index)
    {
        var scale = 1L;
        for (var d = 0; d < index / PerDecade; d++)
            scale *= 10;
        return (index % PerDecade + 11) * scale - 1;
    }

    /// <summary>
    /// Checks the histogram against values whose percentiles are known; throws if one is off by more than a bucket
    /// (run by the steady mode before it measures anything, so a broken histogram cannot print figures).
    /// </summary>
    public static void SelfCheck()
    {
        var h = new LatencyHistogram();
        for (long v = 1; v <= 10_000; v++)
            h.Record(v * 100);      // 100 ns … 1 ms, uniform
        h.Record(3_000_000_000);    // one outlier of 3 s
        void Expect(double p, long exact)
        {
            var got = h.PercentileNanoseconds(p);
            if (got < exact || got > exact * 1.1 + 1)
                throw new InvalidOperationException($"LatencyHistogram: p{p} is {got} ns, expected {exact} ns to within 10 %");
        }
        Expect(50, 500_000);
        Expect(99, 990_000);
        Expect(99.9, 999_000);
        Expect(100, 3_000_000_000);
        if (h.MaxNanoseconds != 3_000_000_000 || h.Count != 10_001)
            throw new InvalidOperationException($"LatencyHistogram: max {h.MaxNanoseconds}, count {h.Count}");
        if (IndexOf(10) != 0 || IndexOf(99) != 89 || IndexOf(100) != 90 || UpperEdge(90) != 109 || IndexOf(long.MaxValue) != Decades * PerDecade - 1)
            throw new InvalidOperationException("LatencyHistogram: bucket edges are wrong");
    }
}
