using Microsoft.Extensions.Time.Testing;
using Serilog.Sinks.WorkflowTrace.Transport;

namespace Serilog.Sinks.WorkflowTrace.Tests.Transport;

/// <summary>The node pool's rules, with a fake clock: round robin, dead time-outs, pings, all-dead fallback.</summary>
public class NodePoolTests
{
    static readonly Uri A = new("http://a:9200/"), B = new("http://b:9200/"), C = new("http://c:9200/");

    static NodePool Pool(FakeTimeProvider time, TimeSpan? dead = null, TimeSpan? max = null) =>
        new([A, B, C], dead ?? TimeSpan.FromSeconds(60), max ?? TimeSpan.FromMinutes(30), time, randomizeStart: false);

    static ElasticsearchNode NodeOf(NodePool pool, Uri uri) =>
        pool.Candidates().Concat(pool.Candidates()).Concat(pool.Candidates()).First(c => c.Node.Uri == uri).Node;

    [Test]
    public void RequestsStartAtTheNextLiveNodeInTurn()
    {
        var pool = Pool(new FakeTimeProvider());
        var firsts = Enumerable.Range(0, 6).Select(_ => pool.Candidates()[0].Node.Uri).ToArray();
        Assert.That(firsts, Is.EqualTo(new[] { A, B, C, A, B, C }));
        Assert.That(pool.Candidates().Select(c => c.Node.Uri), Is.EqualTo(new[] { A, B, C }), "the rest follow as failover targets");
    }

    [Test]
    public void TheStartingNodeIsRandomisedSoManyProcessesDoNotAllHitTheFirstNode()
    {
        var starts = Enumerable.Range(0, 60)
            .Select(_ => new NodePool([A, B, C], TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(30)).Candidates()[0].Node.Uri)
            .Distinct()
            .Count();
        Assert.That(starts, Is.GreaterThan(1));
    }

    [TestCase(1, 60)]
    [TestCase(2, 84.85)]
    [TestCase(3, 120)]
    [TestCase(5, 240)]
    [TestCase(7, 480)]
    [TestCase(20, 1800)]
    public void TheDeadTimeOutDoublesEverySecondFailureUpToTheMaximum(int failures, double seconds)
    {
        var pool = Pool(new FakeTimeProvider());
        Assert.That(pool.DeadTimeoutFor(failures).TotalSeconds, Is.EqualTo(seconds).Within(0.01));
    }

    [Test]
    public void BothTimeOutsAreConfigurable()
    {
        var pool = Pool(new FakeTimeProvider(), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(12));
        Assert.That(pool.DeadTimeoutFor(1), Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(pool.DeadTimeoutFor(3), Is.EqualTo(TimeSpan.FromSeconds(10)));
        Assert.That(pool.DeadTimeoutFor(5), Is.EqualTo(TimeSpan.FromSeconds(12)));
    }

    [Test]
    public void ADeadNodeTakesNoTrafficUntilItsTimeIsUpAndIsThenPingedFirst()
    {
        var time = new FakeTimeProvider();
        var pool = Pool(time);
        pool.MarkDead(NodeOf(pool, B), "refused");

        for (var i = 0; i < 6; i++)
            Assert.That(pool.Candidates().Select(c => c.Node.Uri), Does.Not.Contain(B));
        Assert.That(pool.LiveCount, Is.EqualTo(2));

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.That(Enumerable.Range(0, 3).SelectMany(_ => pool.Candidates()).Select(c => c.Node.Uri), Does.Not.Contain(B));

        time.Advance(TimeSpan.FromSeconds(1));
        var offered = Enumerable.Range(0, 3).SelectMany(_ => pool.Candidates()).Where(c => c.Node.Uri == B).ToArray();
        Assert.That(offered, Is.Not.Empty);
        Assert.That(offered.All(c => c.NeedsPing), Is.True, "a node coming back is pinged before it takes traffic");
        Assert.That(pool.LiveCount, Is.EqualTo(2), "it counts as dead until the ping succeeds");

        pool.MarkAlive(offered[0].Node);
        Assert.That(pool.LiveCount, Is.EqualTo(3));
        Assert.That(pool.Candidates().Any(c => c.NeedsPing), Is.False);
    }

    [Test]
    public void ConsecutiveFailuresKeepANodeOutLonger()
    {
        var time = new FakeTimeProvider();
        var pool = Pool(time);
        var b = NodeOf(pool, B);
        pool.MarkDead(b, "1");
        pool.MarkDead(b, "2");
        pool.MarkDead(b, "3");
        Assert.That(b.DeadUntil - time.GetUtcNow(), Is.EqualTo(TimeSpan.FromSeconds(120)));
        Assert.That(b.FailedAttempts, Is.EqualTo(3));

        pool.MarkAlive(b);
        pool.MarkDead(b, "again");
        Assert.That(b.DeadUntil - time.GetUtcNow(), Is.EqualTo(TimeSpan.FromSeconds(60)), "a success resets the count");
    }

    [Test]
    public void WithEveryNodeDeadTheOneBackSoonestIsStillTried()
    {
        var time = new FakeTimeProvider();
        var pool = Pool(time);
        var a = NodeOf(pool, A);
        var b = NodeOf(pool, B);
        var c = NodeOf(pool, C);
        pool.MarkDead(a, "x");
        pool.MarkDead(a, "x");
        pool.MarkDead(b, "x");
        time.Advance(TimeSpan.FromSeconds(1));
        pool.MarkDead(c, "x");

        var candidates = pool.Candidates();
        Assert.That(candidates, Has.Count.EqualTo(1));
        Assert.That(candidates[0].Node, Is.SameAs(b));
        Assert.That(candidates[0].NeedsPing, Is.False, "tried at once rather than not at all");
    }

    [Test]
    public void TheSnapshotShowsEachNodesState()
    {
        var time = new FakeTimeProvider();
        var pool = Pool(time);
        pool.MarkDead(NodeOf(pool, C), "answered 503");
        var snapshot = pool.Snapshot();
        Assert.That(snapshot.Select(n => n.IsAlive), Is.EqualTo(new[] { true, true, false }));
        Assert.That(snapshot[2].LastFailure, Is.EqualTo("answered 503"));
        Assert.That(snapshot[2].DeadUntil, Is.EqualTo(time.GetUtcNow() + TimeSpan.FromSeconds(60)));
        Assert.That(snapshot[0].DeadUntil, Is.Null);
    }
}
