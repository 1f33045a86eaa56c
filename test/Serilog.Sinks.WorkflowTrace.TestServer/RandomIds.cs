using System.Buffers.Text;
using System.Security.Cryptography;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Identifiers shaped like Elasticsearch's.</summary>
internal static class RandomIds
{
    /// <summary>An auto-generated document id: 20 URL-safe base64 characters.</summary>
    public static string DocumentId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(15));

    /// <summary>An index or cluster UUID: 22 URL-safe base64 characters.</summary>
    public static string Uuid() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
