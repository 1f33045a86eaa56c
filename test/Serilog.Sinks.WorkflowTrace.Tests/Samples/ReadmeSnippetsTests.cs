using System.Text.RegularExpressions;
using System.Xml.Linq;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Samples;

/// <summary>
/// Every C# block of README.md is compiled: it is in the sources of test/ReadmeSnippets, a consumer project built
/// with the solution for net8.0 (at its default C# 12) and net10.0. So the README cannot show code that does not
/// build for a supported consumer.
/// </summary>
public partial class ReadmeSnippetsTests
{
    [GeneratedRegex(@"^```csharp\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    static string Normalized(string code) => Whitespace().Replace(code, " ").Trim();

    static DirectoryInfo Root()
    {
        var root = RepositoryRoot.Find();
        Assert.That(root, Is.Not.Null, "the tests run inside the repository");
        return root!;
    }

    static IReadOnlyList<string> ReadmeBlocks() =>
        CSharpBlock().Matches(File.ReadAllText(Path.Combine(Root().FullName, "README.md")).ReplaceLineEndings("\n"))
            .Select(m => m.Groups[1].Value)
            .ToList();

    /// <summary>The consumer project's own files and the files it links (the README's trace examples).</summary>
    static IReadOnlyList<string> SnippetSources()
    {
        var project = Path.Combine(Root().FullName, "test", "ReadmeSnippets");
        var own = Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(project, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));
        var linked = XDocument.Load(Path.Combine(project, "ReadmeSnippets.csproj")).Descendants("Compile")
            .Select(c => (string?)c.Attribute("Include"))
            .OfType<string>()
            .Select(include => Path.GetFullPath(Path.Combine(project, include)));
        return own.Concat(linked).Select(File.ReadAllText).ToList();
    }

    [Test]
    public void TheReadmeHasCSharpBlocks() =>
        Assert.That(ReadmeBlocks(), Has.Count.GreaterThanOrEqualTo(8), "the README's C# examples were found");

    [Test]
    public void EveryCSharpBlockOfTheReadmeIsInTheCompiledConsumerProject()
    {
        var sources = SnippetSources().Select(Normalized).ToList();
        var missing = ReadmeBlocks().Where(block => !sources.Any(source => source.Contains(Normalized(block), StringComparison.Ordinal))).ToList();

        Assert.That(missing, Is.Empty,
            "README.md shows C# that test/ReadmeSnippets does not compile; put each block there as it is (whitespace aside):\n" +
            string.Join("\n---\n", missing));
    }

    [Test]
    public void TheConsumerProjectBuildsForNet8AtItsDefaultLanguageVersionAndForNet10()
    {
        var project = XDocument.Load(Path.Combine(Root().FullName, "test", "ReadmeSnippets", "ReadmeSnippets.csproj"));
        Assert.That(project.Descendants("TargetFrameworks").Single().Value, Is.EqualTo("net8.0;net10.0"));
        Assert.That(project.Descendants("LangVersion").Single().Value, Is.Empty,
            "cleared, so the SDK picks each framework's default C# version instead of the repository's latest");
        var solution = File.ReadAllText(Path.Combine(Root().FullName, "Serilog.Sinks.WorkflowTrace.sln"));
        Assert.That(solution, Does.Contain(@"test\ReadmeSnippets\ReadmeSnippets.csproj"), "built by CI with the solution");
    }
}
