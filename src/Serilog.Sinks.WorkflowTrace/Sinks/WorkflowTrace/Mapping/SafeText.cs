using System.Runtime.CompilerServices;
namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// Makes text encodable as UTF-8. A lone UTF-16 surrogate (from a truncated string or binary data) would make the
/// JSON writer throw; it is replaced by U+FFFD, as every UTF-8 encoder does.
/// </summary>
static class SafeText
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool NeedsRepair(ReadOnlySpan<char> text)
    {
        var index = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (index < 0)
            return false;

        for (var i = index; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }
                return true;
            }
            if (char.IsLowSurrogate(c))
                return true;
        }

        return false;
    }

    public static string Repair(ReadOnlySpan<char> text)
    {
        var chars = text.ToArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
                i++;
            else if (char.IsSurrogate(chars[i]))
                chars[i] = '\uFFFD';
        }
        return new string(chars);
    }
}
