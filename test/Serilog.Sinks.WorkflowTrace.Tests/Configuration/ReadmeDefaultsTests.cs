using System.Globalization;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Configuration;

/// <summary>
/// The README's options table states each default as the sink has it: a default changed in code and not in the
/// README (as bufferSize once was) fails here.
/// </summary>
public class ReadmeDefaultsTests
{
    /// <summary>The default column of the README's options row for <paramref name="option"/>, without emphasis.</summary>
    static string ReadmeDefault(string option)
    {
        var root = RepositoryRoot.Find();
        Assert.That(root, Is.Not.Null, "the tests run inside the repository");
        // Only the "## Options" section: other tables (the reader's environment variables) name options too.
        var row = File.ReadLines(Path.Combine(root!.FullName, "README.md"))
            .SkipWhile(line => line != "## Options")
            .TakeWhile((line, i) => i == 0 || !line.StartsWith("## ", StringComparison.Ordinal))
            .SingleOrDefault(line => line.StartsWith('|') && line.Split('|')[2].Trim() == $"`{option}`");
        Assert.That(row, Is.Not.Null, $"README.md's options table has a row for `{option}`");
        return row!.Split('|')[4].Trim().Replace("**", "", StringComparison.Ordinal);
    }

    static string Duration(TimeSpan value) => "`" + value.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) + "`";

    [Test]
    public void TheOptionsTableStatesTheDefaultsTheSinkHas()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ReadmeDefault("hosts"), Is.EqualTo($"`{WorkflowTraceDefaults.Hosts}`"));
            Assert.That(ReadmeDefault("indexName"), Is.EqualTo($"`{WorkflowTraceDefaults.IndexName}`"));
            Assert.That(ReadmeDefault("bufferSize"), Is.EqualTo(WorkflowTraceDefaults.BufferSize.ToString(CultureInfo.InvariantCulture)));
            Assert.That(ReadmeDefault("queueLimit"), Is.EqualTo(WorkflowTraceDefaults.QueueLimit.ToString(CultureInfo.InvariantCulture)));
            Assert.That(ReadmeDefault("maxRetries"), Is.EqualTo(WorkflowTraceDefaults.MaxRetries.ToString(CultureInfo.InvariantCulture)));
            Assert.That(ReadmeDefault("compressRequests"), Is.EqualTo(WorkflowTraceDefaults.CompressRequests ? "true" : "false"));
            Assert.That(ReadmeDefault("flushInterval"), Is.EqualTo(Duration(WorkflowTraceDefaults.FlushInterval)));
            Assert.That(ReadmeDefault("timeout"), Is.EqualTo(Duration(WorkflowTraceDefaults.Timeout)));
            Assert.That(ReadmeDefault("deadTimeout"), Is.EqualTo(Duration(WorkflowTraceDefaults.DeadTimeout)));
            Assert.That(ReadmeDefault("maxDeadTimeout"), Is.EqualTo(Duration(WorkflowTraceDefaults.MaxDeadTimeout)));
            Assert.That(ReadmeDefault("retryTimeLimit"), Is.EqualTo(Duration(WorkflowTraceDefaults.RetryTimeLimit)));
            Assert.That(ReadmeDefault("shutdownTimeout"), Is.EqualTo(Duration(WorkflowTraceDefaults.ShutdownTimeout)));
            Assert.That(ReadmeDefault("maxRequestBytes"), Does.StartWith(WorkflowTraceDefaults.MaxRequestBytes.ToString(CultureInfo.InvariantCulture) + " "));
            Assert.That(ReadmeDefault("bufferPath"), Is.EqualTo("—"), "no durable buffer unless asked");
            Assert.That(ReadmeDefault("bufferSizeLimitBytes"), Does.StartWith(WorkflowTraceDefaults.BufferSizeLimitBytes.ToString(CultureInfo.InvariantCulture) + " "));
            Assert.That(ReadmeDefault("bufferFlushInterval"), Is.EqualTo(Duration(WorkflowTraceDefaults.BufferFlushInterval)));
            Assert.That(ReadmeDefault("bufferFullMode"), Is.EqualTo($"`{WorkflowTraceDefaults.BufferFullMode}`"));
        });
    }
}
