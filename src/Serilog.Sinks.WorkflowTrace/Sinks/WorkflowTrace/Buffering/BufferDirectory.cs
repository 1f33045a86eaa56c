namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>
/// The one owner of a buffer directory. Opening it takes <c>&lt;path&gt;/.lock</c> with <see cref="FileShare.None"/>
/// and holds it until <see cref="Dispose"/>: a second opener, in this process or another, is refused with a
/// <see cref="BufferDirectoryInUseException"/> instead of writing into the same segments. The operating system
/// releases the lock when the process dies, so a crash never leaves the directory locked.
/// </summary>
sealed class BufferDirectory : IDisposable
{
    /// <summary>The name of the lock file inside the directory.</summary>
    public const string LockFileName = ".lock";

    readonly FileStream _lock;

    BufferDirectory(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    /// <summary>The full path of the directory.</summary>
    public string Path { get; }

    /// <summary>
    /// Held by the reader while it reads or deletes segments and by the writer while it drops one for room, so that
    /// a segment is never deleted under a read and every line is either read or counted as dropped, not both.
    /// </summary>
    public object SegmentGate { get; } = new();

    /// <summary>
    /// Where the reader reads next (set under <see cref="SegmentGate"/>); null while no reader has read. The lines
    /// before it were read and are being shipped, even when not yet acknowledged in the bookmark.
    /// </summary>
    public BufferPosition? ReadPosition { get; set; }

    /// <summary>Creates the directory when missing and takes its lock.</summary>
    /// <exception cref="BufferDirectoryInUseException">Another sink or process owns the directory.</exception>
    public static BufferDirectory Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(full);
        var lockPath = System.IO.Path.Combine(full, LockFileName);
        try
        {
            // On Unix .NET backs FileShare.None with flock(LOCK_EX | LOCK_NB) per open file, so a second opener in
            // this process or another is refused as it is on Windows.
            var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return new BufferDirectory(full, stream);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new BufferDirectoryInUseException(full, e);
        }
    }

    /// <summary>The full path of a file inside the directory.</summary>
    public string PathOf(string fileName) => System.IO.Path.Combine(Path, fileName);

    /// <summary>Releases the lock; the files stay for the next owner.</summary>
    public void Dispose() => _lock.Dispose();
}
