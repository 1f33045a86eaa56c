using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Mapping;

/// <summary>Contract rows: process, thread, filename, lineno.</summary>
public class CallSiteFieldTests
{
    [Test]
    public void ProcessIsTheProcessId()
    {
        var doc = DocumentProbe.DocumentFor(log => log.Information("x"));
        Assert.That(doc.GetProperty("process").GetInt32(), Is.EqualTo(Environment.ProcessId));
    }

    [Test]
    public void ThreadIsTheThreadThatMadeTheLoggingCall()
    {
        using var probe = DocumentProbe.Create();
        var loggingThreadId = 0;
        var thread = new Thread(() =>
        {
            loggingThreadId = Environment.CurrentManagedThreadId;
            probe.Logger.Information("from a dedicated thread");
        });
        thread.Start();
        thread.Join();

        // Documents are built here, on another thread: the id must still be the caller's.
        var doc = probe.Single();
        Assert.That(loggingThreadId, Is.Not.EqualTo(Environment.CurrentManagedThreadId));
        Assert.That(doc.GetProperty("thread").GetInt64(), Is.EqualTo(loggingThreadId));
    }

    [TestCase("/src/app/Workflows/LoadStage.cs", "LoadStage.cs")]
    [TestCase(@"C:\build\app\Jobs\Extract.cs", "Extract.cs")]
    [TestCase("Plain.cs", "Plain.cs")]
    public void FilenameIsTheSourceFileWithoutDirectories(string sourceFile, string expected)
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("SourceFile", sourceFile).Information("x"));
        Assert.That(doc.GetProperty("filename").GetString(), Is.EqualTo(expected));
    }

    [Test]
    public void FilenameAlsoComesFromTheContractSpelling()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("filename", "workflow.py").Information("x"));
        Assert.That(doc.GetProperty("filename").GetString(), Is.EqualTo("workflow.py"));
    }

    [Test]
    public void LinenoComesFromSourceLine()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("SourceLine", 42).Information("x"));
        Assert.That(doc.GetProperty("lineno").GetInt32(), Is.EqualTo(42));
        Assert.That(doc.GetProperty("metadata").TryGetProperty("SourceLine", out _), Is.False);
    }

    [Test]
    public void LinenoAcceptsTheContractSpellingAndNumericText()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("lineno", "17").Information("x"));
        Assert.That(doc.GetProperty("lineno").GetInt32(), Is.EqualTo(17));
    }

    [Test]
    public void ALinenoThatIsNotANumberStaysInMetadataInsteadOfBeingLost()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("SourceLine", "near the top").Information("x"));
        Assert.That(doc.TryGetProperty("lineno", out _), Is.False);
        Assert.That(doc.GetProperty("metadata").GetProperty("SourceLine").GetString(), Is.EqualTo("near the top"));
    }
}
