namespace Serilog.Sinks.WorkflowTrace.Tests.Configuration;

/// <summary><c>retryTimeLimit</c> and <c>shutdownTimeout</c>: durations greater than zero, refused naming the setting.</summary>
public class DeliveryTimeSettingsTests
{
    static ArgumentException Fails(Func<LoggerConfiguration, LoggerConfiguration> configure) =>
        (ArgumentException)Assert.Throws(Is.InstanceOf<ArgumentException>(), () => configure(new LoggerConfiguration()).CreateLogger())!;

    [TestCase(0)]
    [TestCase(-5)]
    public void ARetryTimeLimitThatIsNotPositiveIsRefused(int seconds)
    {
        var refusal = Fails(c => c.WriteTo.WorkflowTrace(retryTimeLimit: TimeSpan.FromSeconds(seconds)));
        Assert.That(refusal.ParamName, Is.EqualTo("retryTimeLimit"));
    }

    [TestCase(0)]
    [TestCase(-5)]
    public void AShutdownTimeoutThatIsNotPositiveIsRefused(int seconds)
    {
        var refusal = Fails(c => c.WriteTo.WorkflowTrace(shutdownTimeout: TimeSpan.FromSeconds(seconds)));
        Assert.That(refusal.ParamName, Is.EqualTo("shutdownTimeout"));
    }

    [Test]
    public void AShutdownTimeoutOverAnHourIsRefusedSayingSo()
    {
        var refusal = Fails(c => c.WriteTo.WorkflowTrace(shutdownTimeout: TimeSpan.FromHours(2)));
        Assert.That(refusal.ParamName, Is.EqualTo("shutdownTimeout"));
        Assert.That(refusal.Message, Does.Contain("at most one hour"));
    }

    [Test]
    public void BothAreTakenFromCode()
    {
        Assert.DoesNotThrow(() => new LoggerConfiguration()
            .WriteTo.WorkflowTrace(hosts: "http://127.0.0.1:1", retryTimeLimit: TimeSpan.FromMinutes(1), shutdownTimeout: TimeSpan.FromSeconds(1))
            .CreateLogger().Dispose());
    }
}
