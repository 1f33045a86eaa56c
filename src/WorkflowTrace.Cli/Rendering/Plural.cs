using System.Globalization;

namespace WorkflowTrace.Cli.Rendering;

/// <summary>A count and its noun, singular for one: <c>1 error</c>, <c>3 errors</c>, thousands separated.</summary>
static class Plural
{
    public static string Of(long count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? "" : "s")}");
}
