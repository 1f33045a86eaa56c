using System.Net.Sockets;
using Serilog.Sinks.WorkflowTrace.TestServer;
using Spectre.Console;

namespace WorkflowTrace.Cli.Infrastructure;

/// <summary>
/// The project's loopback Elasticsearch-compatible server (the one the tests use), started as a development stand-in:
/// everything in memory, nothing kept, requests not recorded. Always labelled as such on screen.
/// </summary>
static class InMemoryServer
{
    /// <summary>What it is, said every time it is used.</summary>
    public const string Label = "in-memory Elasticsearch-compatible development server — not Elasticsearch; everything is lost when it stops";

    /// <summary>Starts it on 127.0.0.1:<paramref name="port"/> (0: a free port).</summary>
    /// <exception cref="InvalidOperationException">The port is taken or cannot be bound; the message names it.</exception>
    public static async Task<FakeElasticsearch> StartAsync(int port)
    {
        try
        {
            return await FakeElasticsearch.StartAsync(new FakeElasticsearchOptions { Port = port, RecordRequests = false });
        }
        catch (Exception failure) when (failure is IOException or SocketException || failure.InnerException is SocketException)
        {
            throw new InvalidOperationException(
                $"cannot listen on 127.0.0.1:{port}: {failure.Message.TrimEnd('.')} — is another server there? Choose another with --port.", failure);
        }
    }

    /// <summary>The URL to give the sink and the tool: no trailing slash.</summary>
    public static string UrlOf(FakeElasticsearch server) => server.Url.ToString().TrimEnd('/');

    /// <summary>The label as a person sees it: yellow and bold on a terminal, plain text when redirected.</summary>
    public static void WriteLabel(IAnsiConsole console, string prefix) =>
        console.MarkupLine($"[bold yellow]{Markup.Escape(prefix)}{Markup.Escape(Label)}.[/]");

}
