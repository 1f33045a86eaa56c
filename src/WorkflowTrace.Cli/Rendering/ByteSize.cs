using System.Globalization;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>Sizes as people read them: binary units (as Elasticsearch's <c>_cat</c> APIs count), one decimal.</summary>
static class ByteSize
{
    static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary>532 → "532 B", 1536 → "1.5 KiB", 3221225472 → "3.0 GiB".</summary>
    public static string Format(long bytes)
    {
        if (bytes < 1024)
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + Units[unit];
    }
}
