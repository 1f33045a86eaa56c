using System.Globalization;

namespace Serilog.Sinks.WorkflowTrace.Contract;

/// <summary>
/// The contract's <c>cut_id</c>: the last 8 characters of the run id; with a parent,
/// <c>"{cut(parent_run_id)} -> {cut(run_id)}"</c>. A character is a code point, as in the Python handler's
/// <c>id[-8:]</c>: an emoji outside the Basic Multilingual Plane (a surrogate pair) counts once and is never split.
/// </summary>
static class CutId
{
    /// <summary>How many characters of a run id are kept.</summary>
    public const int Characters = 8;

    /// <summary>The <c>cut_id</c> of a run (and its parent, if any).</summary>
    public static string Of(string runId, string? parentRunId) =>
        parentRunId is null ? Cut(runId) : string.Create(CultureInfo.InvariantCulture, $"{Cut(parentRunId)} -> {Cut(runId)}");

    /// <summary>The last <see cref="Characters"/> code points of <paramref name="id"/>, or all of it when shorter.</summary>
    public static string Cut(string id)
    {
        // 8 UTF-16 units are never more than 8 code points.
        if (id.Length <= Characters)
            return id;

        var start = id.Length;
        for (var taken = 0; taken < Characters && start > 0; taken++)
        {
            start--;
            if (start > 0 && char.IsLowSurrogate(id[start]) && char.IsHighSurrogate(id[start - 1]))
                start--;
        }
        return start == 0 ? id : id[start..];
    }
}
