using Serilog.Sinks.WorkflowTrace.Transport;

namespace Serilog.Sinks.WorkflowTrace.Tests.Transport;

/// <summary>
/// The whole status policy on one screen: every rule is applied to every status from 100 to 599 and the statuses it
/// holds for are written as ranges, so that a change to any rule shows here as a change of text.
/// </summary>
public class StatusPolicyTests
{
    static readonly IReadOnlyList<int> AllStatuses = Enumerable.Range(100, 500).ToArray();

    /// <summary>The statuses <paramref name="rule"/> holds for, as "429, 502-504".</summary>
    static string Where(Func<int, bool> rule)
    {
        var ranges = new List<string>();
        int? start = null;
        var previous = 0;
        foreach (var status in AllStatuses.Where(rule))
        {
            if (start is { } first && status != previous + 1)
            {
                ranges.Add(first == previous ? $"{first}" : $"{first}-{previous}");
                start = null;
            }
            start ??= status;
            previous = status;
        }
        if (start is { } last)
            ranges.Add(last == previous ? $"{last}" : $"{last}-{previous}");
        return string.Join(", ", ranges);
    }

    [Test]
    public void EachRuleHoldsForExactlyTheseStatuses()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Where(StatusPolicy.IsSuccess), Is.EqualTo("200-299"), "success");
            Assert.That(Where(StatusPolicy.RetryRequest), Is.EqualTo("429, 502-504"), "a whole request is sent again");
            Assert.That(Where(StatusPolicy.SplitRequest), Is.EqualTo("413"), "a bulk request is split");
            Assert.That(Where(s => StatusPolicy.TakesNodeOutOfRotation(s, foreignBody: false)), Is.EqualTo("502-504"),
                "a JSON (or empty) answer takes the node out of rotation");
            Assert.That(Where(s => StatusPolicy.TakesNodeOutOfRotation(s, foreignBody: true)), Is.EqualTo("100-400, 402, 404-412, 414-599"),
                "a non-JSON answer takes the node out of rotation, except a security layer's or a proxy's size refusal");
            Assert.That(Where(StatusPolicy.FailsPing), Is.EqualTo("429, 500-599"), "a dead node's ping fails");
            Assert.That(Where(s => StatusPolicy.ItemDelivered(s, "create", hasError: true)), Is.EqualTo("200-299, 409"),
                "a create item settles its document as delivered (409: our id is already there)");
            Assert.That(Where(s => StatusPolicy.ItemDelivered(s, "index", hasError: true)), Is.EqualTo("200-299"),
                "409 means delivered only on create");
            Assert.That(Where(s => StatusPolicy.RetryItem(s)), Is.EqualTo("429, 502-504"), "an item's document is resent");
            Assert.That(Where(s => StatusPolicy.DegradeItem(s)), Is.EqualTo("400"), "an item's document is sent degraded");
        });
    }

    [Test]
    public void AnItemWithoutStatusIsDeliveredUnlessItCarriesAnErrorAndIsNeverRetriedOrDegraded()
    {
        Assert.Multiple(() =>
        {
            Assert.That(StatusPolicy.ItemDelivered(null, "create", hasError: false), Is.True, "trimmed by filter_path");
            Assert.That(StatusPolicy.ItemDelivered(null, "create", hasError: true), Is.False);
            Assert.That(StatusPolicy.RetryItem(null), Is.False);
            Assert.That(StatusPolicy.DegradeItem(null), Is.False);
        });
    }

    [Test]
    public void EveryItemStatusHasAtMostOneFateAndRequestsAndItemsAreRetriedAlike()
    {
        foreach (var status in AllStatuses)
        {
            var fates = new[] { StatusPolicy.ItemDelivered(status, "create", false), StatusPolicy.RetryItem(status), StatusPolicy.DegradeItem(status) };
            Assert.That(fates.Count(f => f), Is.LessThanOrEqualTo(1), $"status {status}");
            Assert.That(StatusPolicy.RetryItem(status), Is.EqualTo(StatusPolicy.RetryRequest(status)), $"status {status}");
            if (StatusPolicy.TakesNodeOutOfRotation(status, foreignBody: false))
                Assert.That(StatusPolicy.RetryRequest(status), Is.True, $"status {status}: once every node answered it, the request is tried again later");
        }
    }
}
