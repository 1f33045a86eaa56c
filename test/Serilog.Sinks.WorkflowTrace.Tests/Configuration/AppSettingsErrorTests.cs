using System.Reflection;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Configuration;

/// <summary>
/// Bad values in appsettings.json: whatever the option's type, the error that reaches the application names the
/// setting. Serilog.Settings.Configuration calls the sink's method by reflection, so the sink's
/// <see cref="ArgumentException"/> arrives as the inner exception of a <see cref="TargetInvocationException"/>.
/// </summary>
public class AppSettingsErrorTests
{
    const string Host = "http://127.0.0.1:1";

    [TestCase("retention", "\"banana\"")]
    [TestCase("flushInterval", "\"soon\"")]
    [TestCase("timeout", "\"30 seconds\"")]
    [TestCase("refreshInterval", "\"1s\"")]
    [TestCase("deadTimeout", "\"a minute\"")]
    [TestCase("maxDeadTimeout", "\"forever\"")]
    [TestCase("retryTimeLimit", "\"ten minutes\"")]
    [TestCase("shutdownTimeout", "\"30s\"")]
    [TestCase("bufferSize", "\"many\"")]
    [TestCase("maxRetries", "\"3.5\"")]
    [TestCase("queueLimit", "\"100k\"")]
    [TestCase("numberOfShards", "\"two\"")]
    [TestCase("numberOfReplicas", "\"none\"")]
    [TestCase("templatePriority", "\"high\"")]
    [TestCase("maxRequestBytes", "\"10MB\"")]
    [TestCase("sampleProcessMetrics", "\"sometimes\"")]
    [TestCase("verifyCertificates", "\"maybe\"")]
    [TestCase("compressRequests", "\"gzip\"")]
    [TestCase("dataStream", "\"yes\"")]
    [TestCase("bootstrapMode", "\"Eventually\"")]
    [TestCase("restrictedToMinimumLevel", "\"Loud\"")]
    public void AValueOfTheWrongKindIsRefusedNamingTheSetting(string setting, string json)
    {
        var config = AppSettings.WithArgs($$"""{ "hosts": "{{Host}}", "{{setting}}": {{json}} }""");

        var thrown = Assert.Catch(() => AppSettings.CreateLogger(config).Dispose())!;

        var refusal = SinkRefusal(thrown);
        Assert.That(refusal, Is.Not.Null, $"expected the sink's ArgumentException, got: {thrown}");
        Assert.That(refusal!.ParamName, Is.EqualTo(setting));
        Assert.That(refusal.Message, Does.Contain($"'{setting}'"));
    }

    [TestCase("retention", "\"30.00:00:00\"")]
    [TestCase("flushInterval", "\"00:00:00.500\"")]
    [TestCase("retryTimeLimit", "\"00:02:00\"")]
    [TestCase("shutdownTimeout", "\"00:00:05\"")]
    [TestCase("bufferSize", "250")]
    [TestCase("bufferSize", "\"250\"")]
    [TestCase("verifyCertificates", "false")]
    [TestCase("dataStream", "\"True\"")]
    [TestCase("bootstrapMode", "\"none\"")]
    [TestCase("restrictedToMinimumLevel", "\"warning\"")]
    [TestCase("sampleProcessMetrics", "true")]
    public void AValueOfTheRightKindIsTaken(string setting, string json)
    {
        var config = AppSettings.WithArgs($$"""{ "hosts": "{{Host}}", "{{setting}}": {{json}} }""");

        Assert.DoesNotThrow(() => AppSettings.CreateLogger(config).Dispose());
    }

    [Test]
    public void AnOutOfRangeValueIsRefusedNamingTheSetting()
    {
        var config = AppSettings.WithArgs($$"""{ "hosts": "{{Host}}", "flushInterval": "-00:00:01" }""");

        var refusal = SinkRefusal(Assert.Catch(() => AppSettings.CreateLogger(config).Dispose())!);

        Assert.That(refusal?.ParamName, Is.EqualTo("flushInterval"));
    }

    [Test]
    public void TheRefusalIsAlsoWrittenToSelfLog()
    {
        using var selfLog = new SelfLogCollector();
        var config = AppSettings.WithArgs($$"""{ "hosts": "{{Host}}", "retention": "banana" }""");

        Assert.Catch(() => AppSettings.CreateLogger(config).Dispose());

        Assert.That(selfLog.Text, Does.Contain("'retention'"));
    }

    [Test]
    public void TheUnhandledExceptionTextShowsTheSinksMessage()
    {
        var config = AppSettings.WithArgs($$"""{ "hosts": "{{Host}}", "retention": "banana" }""");

        var thrown = Assert.Catch(() => AppSettings.CreateLogger(config).Dispose())!;

        Assert.That(thrown, Is.InstanceOf<TargetInvocationException>(), "what the README says surfaces");
        Assert.That(thrown.ToString(), Does.Contain("WorkflowTrace sink setting 'retention'"));
    }

    [Test]
    public void TheAppSettingsEntryTakesExactlyTheSettingsOfTheCodeMethod()
    {
        static string[] Names(Type type) =>
            type.GetMethods().Single(m => m.Name == "WorkflowTrace" && m.GetParameters().Any(p => p.Name == "hosts"))
                .GetParameters().Select(p => p.Name!).ToArray();

        Assert.That(Names(typeof(AppSettingsBinding.WorkflowTraceAppSettingsExtensions)),
            Is.EqualTo(Names(typeof(WorkflowTraceLoggerConfigurationExtensions))));
    }

    static ArgumentException? SinkRefusal(Exception thrown) =>
        thrown as ArgumentException is { ParamName: not null } direct ? direct : thrown.InnerException as ArgumentException;
}
