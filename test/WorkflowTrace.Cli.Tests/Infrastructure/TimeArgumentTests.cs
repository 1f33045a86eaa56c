using WorkflowTrace.Cli.Infrastructure;

namespace WorkflowTrace.Cli.Tests.Infrastructure;

public class TimeArgumentTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 30, 0, TimeSpan.Zero);

    [TestCase("30m", 0, 30, 0)]
    [TestCase("24h", 1, 0, 0)]
    [TestCase("7d", 7, 0, 0)]
    [TestCase("2w", 14, 0, 0)]
    [TestCase("90s", 0, 1, 30)]
    [TestCase("7d ago", 7, 0, 0)]
    [TestCase("-24h", 1, 0, 0)]
    [TestCase("1.5h", 0, 90, 0)]
    public void ARelativeTimeCountsBackFromNow(string text, int days, int minutes, int seconds)
    {
        var value = TimeArgument.Parse(text, Now);

        Assert.That(value, Is.EqualTo(Now - new TimeSpan(days, 0, minutes, seconds)));
    }

    [Test]
    public void AnIsoTimeWithAnOffsetIsTakenAsGivenAndReturnedInUtc()
    {
        var value = TimeArgument.Parse("2026-12-05T10:00:00+01:00", Now);

        Assert.That(value, Is.EqualTo(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero)));
        Assert.That(value.Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void AnIsoTimeWithoutAnOffsetIsUtc()
    {
        Assert.That(TimeArgument.Parse("2026-12-04T08:15:00", Now), Is.EqualTo(new DateTimeOffset(2026, 12, 4, 8, 15, 0, TimeSpan.Zero)));
        Assert.That(TimeArgument.Parse("2026-12-04", Now), Is.EqualTo(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(TimeArgument.Parse("2026-12-04T08:15:00.250Z", Now), Is.EqualTo(new DateTimeOffset(2026, 12, 4, 8, 15, 0, 250, TimeSpan.Zero)));
    }

    [TestCase("yesterday")]
    [TestCase("7x")]
    [TestCase("")]
    [TestCase("d7")]
    public void AnythingElseIsRefusedNamingTheOptionAndTheForms(string text)
    {
        var failure = Assert.Throws<FormatException>(() => TimeArgument.Parse(text, Now, "--since"));

        Assert.That(failure!.Message, Does.StartWith("--since: '" + text + "'").And.Contain("24h").And.Contain("ISO"));
    }

    [TestCase("500ms", 500)]
    [TestCase("30s", 30_000)]
    [TestCase("5m", 300_000)]
    [TestCase("00:01:10", 70_000)]
    public void ADurationIsParsed(string text, int milliseconds)
    {
        Assert.That(TimeArgument.ParseDuration(text), Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Test]
    public void ABadDurationNamesTheOption()
    {
        var failure = Assert.Throws<FormatException>(() => TimeArgument.ParseDuration("soon", "--until-idle"));

        Assert.That(failure!.Message, Does.StartWith("--until-idle: 'soon'"));
    }
}
