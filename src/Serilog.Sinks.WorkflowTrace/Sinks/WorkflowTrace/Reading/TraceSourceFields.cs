using System.Text;
using Serilog.Sinks.WorkflowTrace.Contract;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// The names a trace document's <c>_source</c> may hold, as UTF-8, derived from the field contract so that the reader
/// and the writer cannot disagree: every <see cref="TraceField"/> (its number is its slot), then the newer Python
/// producer's <c>error_flag</c> and <c>metric</c>. Property names are matched on their bytes, without a string.
/// </summary>
static class TraceSourceFields
{
    /// <summary>Slot of the newer Python producer's <c>error_flag</c> (a boolean).</summary>
    public static readonly int ErrorFlag = TraceContract.Count;

    /// <summary>Slot of the newer Python producer's <c>metric</c> (an object in place of <c>metadata</c>).</summary>
    public static readonly int Metric = TraceContract.Count + 1;

    /// <summary>How many slots there are.</summary>
    public static readonly int Count = TraceContract.Count + 2;

    /// <summary>Each slot's name, as in the document.</summary>
    public static readonly string[] Names =
        [.. TraceContract.Fields.Select(f => f.Name), "error_flag", "metric"];

    /// <summary>Each slot's kind, from its mapping type.</summary>
    public static readonly SourceFieldKind[] Kinds =
        [.. TraceContract.Fields.Select(KindOf), SourceFieldKind.Boolean, SourceFieldKind.RawObject];

    static readonly byte[][] Utf8Names = [.. Names.Select(Encoding.UTF8.GetBytes)];

    /// <summary>Slots by name length: a lookup compares at most a handful of names of the right length.</summary>
    static readonly int[][] ByLength = BuildByLength();

    /// <summary>The slot named <paramref name="name"/> (unescaped UTF-8), or -1 for a field outside the contract.</summary>
    public static int Find(ReadOnlySpan<byte> name)
    {
        if (name.Length >= ByLength.Length)
            return -1;
        foreach (var slot in ByLength[name.Length])
        {
            var candidate = Utf8Names[slot];
            if (candidate[0] == name[0] && name.SequenceEqual(candidate))
                return slot;
        }
        return -1;
    }

    static SourceFieldKind KindOf(ContractField field) => field.Field == TraceField.Tags
        ? SourceFieldKind.Tags
        : field.MappingType switch
        {
            "keyword" or "ip" => SourceFieldKind.Keyword,
            "text" => SourceFieldKind.Text,
            "integer" => SourceFieldKind.Integer,
            "long" => SourceFieldKind.Long,
            "float" or "double" => SourceFieldKind.Float,
            "date" => SourceFieldKind.Date,
            "object" => SourceFieldKind.RawObject,
            _ => throw new InvalidOperationException($"No reader for the mapping type '{field.MappingType}' of '{field.Name}'."),
        };

    static int[][] BuildByLength()
    {
        var longest = Utf8Names.Max(n => n.Length);
        var byLength = new int[longest + 1][];
        for (var length = 0; length <= longest; length++)
            byLength[length] = [.. Enumerable.Range(0, Count).Where(slot => Utf8Names[slot].Length == length)];
        return byLength;
    }
}
