namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>Reads files from the test project's Fixtures folder (copied next to the test assembly).</summary>
static class Fixture
{
    public static string Path(string relative) =>
        System.IO.Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(Path(relative));

    public static string Text(string relative) => File.ReadAllText(Path(relative));
}
