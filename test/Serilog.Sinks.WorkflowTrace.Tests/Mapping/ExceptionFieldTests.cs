using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Mapping;

/// <summary>Contract rows: exception_type, exception_message, stack_trace.</summary>
public class ExceptionFieldTests
{
    static Exception Thrown()
    {
        try
        {
            try
            {
                throw new FormatException("inner cause");
            }
            catch (Exception inner)
            {
                throw new InvalidOperationException("Invalid data", inner);
            }
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    [Test]
    public void ExceptionFieldsDescribeTheEventsException()
    {
        var exception = Thrown();
        var doc = DocumentProbe.DocumentFor(log => log.Error(exception, "failed"));
        Assert.That(doc.GetProperty("exception_type").GetString(), Is.EqualTo("System.InvalidOperationException"));
        Assert.That(doc.GetProperty("exception_message").GetString(), Is.EqualTo("Invalid data"));
    }

    [Test]
    public void StackTraceIsTheFullTextWithInnerExceptionsAndFrames()
    {
        var exception = Thrown();
        var doc = DocumentProbe.DocumentFor(log => log.Error(exception, "failed"));
        var stackTrace = doc.GetProperty("stack_trace").GetString()!;
        Assert.That(stackTrace, Is.EqualTo(exception.ToString()));
        Assert.That(stackTrace, Does.Contain("System.FormatException: inner cause"));
        Assert.That(stackTrace, Does.Contain(nameof(Thrown)));
    }

    [Test]
    public void AnEventWithoutExceptionHasNoExceptionFields()
    {
        var doc = DocumentProbe.DocumentFor(log => log.Error("failed without exception"));
        Assert.That(doc.TryGetProperty("exception_type", out _), Is.False);
        Assert.That(doc.TryGetProperty("exception_message", out _), Is.False);
        Assert.That(doc.TryGetProperty("stack_trace", out _), Is.False);
    }

    [Test]
    public void AnExceptionWhoseToStringThrowsStillProducesADocument()
    {
        var doc = DocumentProbe.DocumentFor(log => log.Error(new HostileException(), "failed"));
        Assert.That(doc.GetProperty("exception_type").GetString(), Does.EndWith(nameof(HostileException)));
        Assert.That(doc.GetProperty("stack_trace").GetString(), Does.Contain("ToString() threw"));
    }

    sealed class HostileException : Exception
    {
        public override string Message => "hostile";
        public override string ToString() => throw new NotSupportedException("no text for you");
    }

    [Test]
    public void ARecordedExceptionIsWrittenAsTheOriginalItStandsFor()
    {
        var recorded = new RecordedException("Contoso.Billing.LedgerLockedException", "ledger locked", "Contoso.Billing.LedgerLockedException: ledger locked\n   at Contoso.Billing.Post()");
        var doc = DocumentProbe.DocumentFor(log => log.Error(recorded, "failed"));
        Assert.That(doc.GetProperty("exception_type").GetString(), Is.EqualTo("Contoso.Billing.LedgerLockedException"));
        Assert.That(doc.GetProperty("exception_message").GetString(), Is.EqualTo("ledger locked"));
        Assert.That(doc.GetProperty("stack_trace").GetString(), Is.EqualTo("Contoso.Billing.LedgerLockedException: ledger locked\n   at Contoso.Billing.Post()"));
    }

    /// <summary>As <c>workflow-trace replay</c> makes one from a CLEF file's <c>@x</c>.</summary>
    sealed class RecordedException(string typeName, string message, string fullText) : Exception(message), Serilog.Sinks.WorkflowTrace.Mapping.IRecordedException
    {
        public string TypeName { get; } = typeName;

        public override string ToString() => fullText;
    }
}
