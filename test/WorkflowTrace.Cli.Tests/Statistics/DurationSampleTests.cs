using WorkflowTrace.Cli.Statistics;

namespace WorkflowTrace.Cli.Tests.Statistics;

/// <summary>The run-duration percentiles of <c>stats</c>: nearest rank, exact up to the cap, a bounded sample beyond.</summary>
public class DurationSampleTests
{
    [Test]
    public void PercentilesAreByNearestRank()
    {
        var sample = new DurationSample();
        foreach (var seconds in new[] { 40, 10, 30, 20 })
            sample.Add(TimeSpan.FromSeconds(seconds));

        Assert.That(sample.Percentile(50), Is.EqualTo(TimeSpan.FromSeconds(20)));
        Assert.That(sample.Percentile(95), Is.EqualTo(TimeSpan.FromSeconds(40)));
        Assert.That(sample.Percentile(25), Is.EqualTo(TimeSpan.FromSeconds(10)));
        Assert.That(sample.IsEstimate, Is.False);
    }

    [Test]
    public void TheNinetyFifthOfTwentyIsTheNineteenthNotTheTwentieth()
    {
        // 0.95 * 20 is 19.000000000000004 in doubles; its ceiling would wrongly be 20.
        var sample = new DurationSample();
        for (var i = 1; i <= 20; i++)
            sample.Add(TimeSpan.FromSeconds(i));

        Assert.That(sample.Percentile(95), Is.EqualTo(TimeSpan.FromSeconds(19)));
    }

    [Test]
    public void NoDurationHasNoPercentile() => Assert.That(new DurationSample().Percentile(50), Is.Null);

    [Test]
    public void BeyondTheCapASampleIsKeptAndThePercentilesAreMarkedAsEstimates()
    {
        // 1..10,000 s into 1,000 kept: the true median is 5,000 s; a uniform sample of 1,000 lands within a few percent.
        var sample = new DurationSample(capacity: 1_000);
        for (var i = 1; i <= 10_000; i++)
            sample.Add(TimeSpan.FromSeconds(i));

        Assert.That(sample.Count, Is.EqualTo(10_000));
        Assert.That(sample.IsEstimate, Is.True);
        Assert.That(sample.Percentile(50)!.Value.TotalSeconds, Is.InRange(4_500, 5_500));
        Assert.That(sample.Percentile(95)!.Value.TotalSeconds, Is.InRange(9_200, 9_800));
    }
}
