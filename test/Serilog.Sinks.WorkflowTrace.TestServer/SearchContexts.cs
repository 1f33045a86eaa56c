using System.Security.Cryptography;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// The points in time and scrolls a cluster holds open, so tests can see that a client closed what it opened. Used
/// under <see cref="FakeCluster.Gate"/>, like the rest of the cluster's state.
/// </summary>
internal sealed class SearchContexts
{
    private readonly Dictionary<string, FrozenSearch> _pointsInTime = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ScrollCursor> _scrolls = new(StringComparer.Ordinal);

    /// <summary>Points in time open now.</summary>
    public int OpenPointsInTime => _pointsInTime.Count;

    /// <summary>Scrolls open now.</summary>
    public int OpenScrolls => _scrolls.Count;

    /// <summary>Points in time opened since the start (closed ones included).</summary>
    public int PointsInTimeOpened { get; private set; }

    /// <summary>Scrolls opened since the start (cleared ones included).</summary>
    public int ScrollsOpened { get; private set; }

    public FrozenSearch OpenPointInTime(List<FakeIndex> indices)
    {
        var pit = FrozenSearch.Open(NewId(), indices);
        _pointsInTime.Add(pit.Id, pit);
        PointsInTimeOpened++;
        return pit;
    }

    public FrozenSearch? PointInTime(string id) => _pointsInTime.GetValueOrDefault(id);

    public bool ClosePointInTime(string id) => _pointsInTime.Remove(id);

    public string NewScrollId() => NewId();

    public void AddScroll(ScrollCursor cursor)
    {
        _scrolls.Add(cursor.Id, cursor);
        ScrollsOpened++;
    }

    public ScrollCursor? Scroll(string id) => _scrolls.GetValueOrDefault(id);

    public bool CloseScroll(string id) => _scrolls.Remove(id);

    /// <summary>Closes every scroll (<c>DELETE /_search/scroll/_all</c>); returns how many.</summary>
    public int CloseAllScrolls()
    {
        var count = _scrolls.Count;
        _scrolls.Clear();
        return count;
    }

    /// <summary>Lets every point in time and scroll expire, as their keep-alive running out would.</summary>
    public void ExpireAll()
    {
        _pointsInTime.Clear();
        _scrolls.Clear();
    }

    // Elasticsearch's ids are opaque base64 (URL-safe in point-in-time ids); only their being unknown later matters.
    private static string NewId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_');
}
