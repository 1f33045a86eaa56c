namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>
/// The folder holding <c>Serilog.Sinks.WorkflowTrace.sln</c>, found by walking up from the test output, for tests that
/// point at the source tree (where to update a golden file) or at material kept beside the repository.
/// </summary>
static class RepositoryRoot
{
    const string SolutionFile = "Serilog.Sinks.WorkflowTrace.sln";

    /// <summary>The repository's root folder, or null when the tests run from a copy without the solution above it.</summary>
    public static DirectoryInfo? Find()
    {
        for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
                return folder;
        }
        return null;
    }
}
