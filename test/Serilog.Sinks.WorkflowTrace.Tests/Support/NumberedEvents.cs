using System.Globalization;
using System.Text.RegularExpressions;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>
/// Events numbered 0, 1, 2, ... so a test can tell exactly which arrived, which were reported, and whether any
/// arrived twice: logged as <c>event {Number}</c>, read back from a stored document's message or from the
/// application's own event handed to a fallback sink or failure listener.
/// </summary>
static partial class NumberedEvents
{
    public const string Template = "event {Number}";

    [GeneratedRegex(@"^event (\d+)$")]
    private static partial Regex Message();

    public static void Log(ILogger logger, int number) => logger.Information(Template, number);

    /// <summary>The number in a stored document's message.</summary>
    public static int NumberOf(StoredDocument document)
    {
        var message = document.Source.GetProperty("message").GetString() ?? "";
        var match = Message().Match(message);
        if (!match.Success)
            throw new AssertionException($"document {document.Id} is not a numbered event: message '{message}'");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The number of an event as the application logged it (what a fallback sink or failure listener gets); an event
    /// read back from the durable buffer's files carries it as a <c>long</c>.
    /// </summary>
    public static int NumberOf(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("Number", out var value) && value is ScalarValue { Value: int or long } scalar
            ? Convert.ToInt32(scalar.Value, CultureInfo.InvariantCulture)
            : throw new AssertionException($"not a numbered event: '{logEvent.MessageTemplate.Text}'");

    /// <summary>The numbers of the stored documents, one per document (so a number stored twice shows twice).</summary>
    public static IReadOnlyList<int> Stored(IEnumerable<StoredDocument> documents) => documents.Select(NumberOf).ToList();

    /// <summary>The numbers of the given events, one per event.</summary>
    public static IReadOnlyList<int> Of(IEnumerable<LogEvent> events) => events.Select(NumberOf).ToList();

    /// <summary>The number in a bulk item's document (its message), or null for a document that is not a numbered event.</summary>
    public static int? NumberOf(BulkItemContext item) =>
        item.Document.ValueKind == System.Text.Json.JsonValueKind.Object &&
        item.Document.TryGetProperty("message", out var message) &&
        Message().Match(message.GetString() ?? "") is { Success: true } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;
}
