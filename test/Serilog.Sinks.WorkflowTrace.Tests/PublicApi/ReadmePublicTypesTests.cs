using System.Text.RegularExpressions;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.PublicApi;

/// <summary>The README's Architecture section names every public type of the package, and no other.</summary>
public partial class ReadmePublicTypesTests
{
    [Test]
    public void TheReadmeListsExactlyThePublicTypes()
    {
        var root = RepositoryRoot.Find();
        Assert.That(root, Is.Not.Null, "the tests run inside the repository");
        var readme = File.ReadAllText(Path.Combine(root!.FullName, "README.md"));
        var start = readme.IndexOf("The public surface", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "the Architecture section says what is public");
        var end = readme.IndexOf("\n## ", start, StringComparison.Ordinal) is var next and >= 0 ? next : readme.Length;
        var types = typeof(WorkflowTraceLoggerConfigurationExtensions).Assembly.GetExportedTypes();
        var namespaces = types.Select(t => t.Namespace).ToHashSet();
        var listed = TypeName().Matches(readme[start..end]).Select(m => m.Groups[1].Value).Where(name => !namespaces.Contains(name)).ToHashSet();

        var exported = types.Select(t => t.Name).ToHashSet();

        Assert.That(listed, Is.EquivalentTo(exported));
    }

    /// <summary>A bullet's backticked names that look like types (not <c>WriteTo.WorkflowTrace(...)</c>, dotted namespaces or the <c>Serilog</c> namespace).</summary>
    [GeneratedRegex(@"`([A-Z][A-Za-z]+)`")]
    private static partial Regex TypeName();
}
