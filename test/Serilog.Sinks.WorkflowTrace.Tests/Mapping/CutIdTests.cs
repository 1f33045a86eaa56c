using System.Globalization;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Mapping;

/// <summary>
/// <c>cut_id</c> is the last 8 characters of the run id as the Python handler counts them: code points, so an emoji
/// outside the Basic Multilingual Plane (two UTF-16 units) is one character and is never split. The document and
/// the trace API's <see cref="RunTrace.CutId"/> give the same cut.
/// </summary>
public class CutIdTests
{
    // Each case: run id, parent run id, the cut Python's id[-8:] gives.
    static IEnumerable<TestCaseData> Cases() =>
    [
        // The 8th character from the end is an emoji: cutting 8 UTF-16 units would start inside it.
        new TestCaseData("run-ab😀cdefghi", null, "😀cdefghi").SetArgDisplayNames("emoji where the cut starts"),
        // The last character is an emoji: 8 UTF-16 units are only 7 characters.
        new TestCaseData("run-abcdefg😀", null, "abcdefg😀").SetArgDisplayNames("emoji at the end"),
        new TestCaseData("run-😀😀😀😀😀😀😀😀😀", null, "😀😀😀😀😀😀😀😀").SetArgDisplayNames("emoji only"),
        new TestCaseData("😀😀😀😀😀😀😀", null, "😀😀😀😀😀😀😀").SetArgDisplayNames("seven emoji, shorter than 8 characters"),
        new TestCaseData("child-run-0002", "parent-run-ab😀cdefghi", "😀cdefghi -> run-0002").SetArgDisplayNames("emoji in the parent"),
        new TestCaseData("workflow-20240101-abcdef12", null, "abcdef12").SetArgDisplayNames("plain ASCII"),
    ];

    static string Escaped(string text) => string.Concat(text.Select(c => c < 0x80 ? c.ToString() : "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)));

    [TestCaseSource(nameof(Cases))]
    public void TheDocumentsCutIdIsTheLastEightCodePoints(string runId, string? parentRunId, string expected)
    {
        var document = DocumentProbe.DocumentFor(log =>
        {
            var context = log.ForContext("RunId", runId);
            if (parentRunId is not null)
                context = context.ForContext("ParentRunId", parentRunId);
            context.Information("x");
        });
        var cut = document.GetProperty("cut_id").GetString()!;
        Assert.That(Escaped(cut), Is.EqualTo(Escaped(expected)));
    }

    [TestCaseSource(nameof(Cases))]
    public async Task TheTraceApisCutIdIsTheLastEightCodePoints(string runId, string? parentRunId, string expected)
    {
        using var logger = new LoggerConfiguration().CreateLogger();
        await using var trace = WorkflowTracing.GetTrace(logger, runId, parentRunId);
        Assert.That(Escaped(trace.CutId), Is.EqualTo(Escaped(expected)));
    }
}
