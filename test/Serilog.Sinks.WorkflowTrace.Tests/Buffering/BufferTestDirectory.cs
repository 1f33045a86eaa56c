namespace Serilog.Sinks.WorkflowTrace.Tests.Buffering;

/// <summary>A fresh temporary buffer directory per test, deleted afterwards.</summary>
public abstract class BufferTestDirectory
{
    protected string Path { get; private set; } = "";

    protected List<string> Reports { get; } = [];

    [SetUp]
    public void CreateDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wt-buffer-" + Guid.NewGuid().ToString("N"));
        Reports.Clear();
    }

    [TearDown]
    public void DeleteDirectory()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }

    protected void Report(string message)
    {
        lock (Reports)
            Reports.Add(message);
    }

    protected string[] Segments() =>
        Directory.GetFiles(Path, "buffer-*.clef").Select(System.IO.Path.GetFileName).Order().ToArray()!;
}
