using System.Globalization;
using System.Text;

namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>
/// The position up to which the buffer has been shipped, kept in <c>&lt;path&gt;/bookmark</c> as one line of text
/// (<c>&lt;segment&gt; &lt;offset&gt;</c>, e.g. <c>3 10482</c>). Saved atomically: the new value is written and fsynced
/// to <c>bookmark.tmp</c>, which then replaces the old file in one rename, so a crash leaves either the old
/// bookmark or the new one, never a mix.
/// </summary>
static class BufferBookmark
{
    /// <summary>The bookmark's file name.</summary>
    public const string FileName = "bookmark";

    const string TempName = "bookmark.tmp";

    /// <summary>The saved position, or <see cref="BufferPosition.Start"/> when none was saved or it is unreadable.</summary>
    public static BufferPosition Load(BufferDirectory directory)
    {
        var path = directory.PathOf(FileName);
        if (!File.Exists(path))
            return BufferPosition.Start;
        var parts = File.ReadAllText(path).Trim().Split(' ');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var segment)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? new(segment, offset)
            : BufferPosition.Start;
    }

    /// <summary>Saves <paramref name="position"/> atomically.</summary>
    public static void Save(BufferDirectory directory, BufferPosition position)
    {
        var bytes = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{position.Segment} {position.Offset}\n"));
        var temp = directory.PathOf(TempName);
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, directory.PathOf(FileName), overwrite: true);
    }
}
