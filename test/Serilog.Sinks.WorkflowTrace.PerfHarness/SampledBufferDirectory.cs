namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// A durable run's buffer directory: fresh and empty under the system's temporary directory, sampled every ~100 ms
/// from a background timer while the run goes, deleted on dispose. It reports the largest total size the directory
/// reached (what the buffer held on disk at its fullest) and the sum, over every file seen, of the largest size that
/// file reached: the bytes written to the buffer's files, since a shipped file is deleted. That sum is a lower
/// bound when a file grows or is deleted between two samples.
/// </summary>
sealed class SampledBufferDirectory : IDisposable
{
    static readonly TimeSpan Every = TimeSpan.FromMilliseconds(100);

    readonly Dictionary<string, long> _largestByFile = new(StringComparer.Ordinal);
    readonly Lock _gate = new();
    readonly Timer _timer;
    long _peakTotal;

    public SampledBufferDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"workflowtrace-harness-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
        _timer = new Timer(_ => Sample(), null, Every, Every);
    }

    /// <summary>The directory, empty when the run starts.</summary>
    public string Path { get; }

    /// <summary>The largest total size of the directory's files seen so far.</summary>
    public long PeakBytes
    {
        get { lock (_gate) return _peakTotal; }
    }

    /// <summary>The sum of each file's largest size seen: the bytes written to the buffer files (a lower bound).</summary>
    public long WrittenBytes
    {
        get { lock (_gate) return _largestByFile.Values.Sum(); }
    }

    /// <summary>Takes one sample now (also called by the timer).</summary>
    public void Sample()
    {
        lock (_gate)
        {
            long total = 0;
            try
            {
                foreach (var file in new DirectoryInfo(Path).EnumerateFiles("*", SearchOption.AllDirectories))
                {
                    long length;
                    try
                    {
                        length = file.Length;
                    }
                    catch (FileNotFoundException)
                    {
                        // Shipped and deleted between the listing and the look.
                        continue;
                    }
                    total += length;
                    _largestByFile[file.FullName] = Math.Max(length, _largestByFile.GetValueOrDefault(file.FullName));
                }
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            _peakTotal = Math.Max(_peakTotal, total);
        }
    }

    /// <summary>Where the buffer directories go and on what file system (Linux): fsync's cost depends on it.</summary>
    public static string Describe()
    {
        var root = System.IO.Path.GetTempPath();
        if (!System.IO.File.Exists("/proc/mounts"))
            return root;
        // The mount point that is the longest prefix of the temporary directory holds it.
        var mount = System.IO.File.ReadAllLines("/proc/mounts").Select(l => l.Split(' ')).Where(f => f.Length > 2 && root.StartsWith(f[1], StringComparison.Ordinal))
            .MaxBy(f => f[1].Length);
        return mount is null ? root : $"{root} ({mount[2]} on {mount[0]})";
    }

    public void Dispose()
    {
        using (var stopped = new ManualResetEvent(false))
        {
            // Waits for a sample under way, so none runs against the directory while it is deleted.
            if (_timer.Dispose(stopped))
                stopped.WaitOne();
        }
        Sample();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"could not delete the buffer directory {Path}: {e.Message}");
        }
    }
}
