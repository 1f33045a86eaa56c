namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>How many points in time and scrolls a server holds open, and how many were opened in all.</summary>
/// <param name="OpenPointsInTime">Points in time open now.</param>
/// <param name="OpenScrolls">Scrolls open now.</param>
/// <param name="PointsInTimeOpened">Points in time opened since the start.</param>
/// <param name="ScrollsOpened">Scrolls opened since the start.</param>
public sealed record SearchContextCounts(int OpenPointsInTime, int OpenScrolls, int PointsInTimeOpened, int ScrollsOpened);
