using System.Globalization;

namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>The names of the segment files (<c>buffer-000001.clef</c>) and listing them in order.</summary>
static class BufferSegments
{
    const string Prefix = "buffer-", Extension = ".clef";

    /// <summary>The file name of segment <paramref name="number"/>.</summary>
    public static string FileName(long number) => Prefix + number.ToString("D6", CultureInfo.InvariantCulture) + Extension;

    /// <summary>The segment numbers present in <paramref name="directory"/>, oldest first.</summary>
    public static List<long> List(string directory)
    {
        var numbers = new List<long>();
        foreach (var file in Directory.EnumerateFiles(directory, Prefix + "*" + Extension))
        {
            var name = Path.GetFileName(file);
            var digits = name.AsSpan(Prefix.Length, name.Length - Prefix.Length - Extension.Length);
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                numbers.Add(number);
        }
        numbers.Sort();
        return numbers;
    }

    /// <summary>The size of segment <paramref name="number"/>, or -1 when it does not exist.</summary>
    public static long Length(string directory, long number)
    {
        var info = new FileInfo(Path.Combine(directory, FileName(number)));
        return info.Exists ? info.Length : -1;
    }
}
