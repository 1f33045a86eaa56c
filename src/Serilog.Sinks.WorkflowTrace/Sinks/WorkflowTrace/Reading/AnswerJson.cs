using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Transport;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Reads a successful answer as JSON of the expected shape, or says plainly that it is not one (a proxy's page, a
/// cut body, another server at that address): a <see cref="TraceReadException"/> naming the operation, the status,
/// the content type and the node (without credentials).
/// </summary>
static class AnswerJson
{
    /// <summary>Parses the body; throws the malformed-answer exception when it is not JSON.</summary>
    public static JsonDocument Parse(TransportResponse response, string operation)
    {
        try
        {
            return JsonDocument.Parse(response.Body);
        }
        catch (JsonException ex)
        {
            throw Malformed(response, operation, "it is not JSON", ex);
        }
    }

    /// <summary>Reads the parsed answer with <paramref name="read"/>; a shape it does not expect is a malformed answer.</summary>
    public static T Read<T>(TransportResponse response, string operation, Func<JsonElement, T> read)
    {
        using var document = Parse(response, operation);
        try
        {
            return read(document.RootElement);
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException or IndexOutOfRangeException)
        {
            throw Malformed(response, operation, "it does not have the expected shape", ex);
        }
    }

    /// <summary>The exception for an answer that cannot be read.</summary>
    public static TraceReadException Malformed(TransportResponse response, string operation, string what, Exception? cause = null) =>
        new($"Elasticsearch's answer to {operation} could not be read: {what} (HTTP {response.StatusCode}, " +
            $"{response.ContentType ?? "no content type"}, {response.Body.Length} bytes, from {WithoutCredentials(response.Node)}). " +
            "Is that address an Elasticsearch node, or a proxy in front of it?", response.StatusCode, cause);

    static Uri WithoutCredentials(Uri uri) =>
        string.IsNullOrEmpty(uri.UserInfo) ? uri : new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
}
