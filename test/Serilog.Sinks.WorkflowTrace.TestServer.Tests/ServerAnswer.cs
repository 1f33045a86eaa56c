using System.Net;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer.Tests;

/// <summary>One answer: status, raw text, parsed body (null when empty), <c>Warning</c> headers, <c>X-Elastic-Product</c>.</summary>
sealed record ServerAnswer(HttpStatusCode Status, string Text, JsonNode? Json, IReadOnlyList<string> Warnings, string? Product)
{
    /// <summary><c>error.type</c> of an error body.</summary>
    public string? ErrorType => Json?["error"]?["type"]?.GetValue<string>();

    /// <summary><c>error.reason</c> of an error body.</summary>
    public string? ErrorReason => Json?["error"]?["reason"]?.GetValue<string>();

    /// <summary>Checks an Elasticsearch error body: status, type and reason, and the same status inside.</summary>
    public void AssertError(int status, string type, string reason)
    {
        Assert.That((int)Status, Is.EqualTo(status), Text);
        Assert.That(ErrorType, Is.EqualTo(type), Text);
        Assert.That(ErrorReason, Is.EqualTo(reason), Text);
        Assert.That(Json!["status"]!.GetValue<int>(), Is.EqualTo(status), Text);
    }
}
