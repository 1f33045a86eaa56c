using System.Net.Sockets;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Commands;

public class DevServerCommandTests
{
    [Test]
    public async Task DevServerServesOnTheGivenPortSaysWhatItIsAndStopsOnCtrlC()
    {
        var port = DevServerRun.FreePort();
        var url = $"http://127.0.0.1:{port}";
        CliResult? health = null;

        var result = await DevServerRun.RunAsync("Press Ctrl+C", async () => health = await CliRun.RunAsync(url, "health"),
            "dev-server", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(health!.ExitCode, Is.EqualTo(ExitCodes.Success), health.ToString());
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        var flat = Flat(result.Output);
        Assert.That(flat, Does.Contain(InMemoryServer.Label), result.ToString());
        Assert.That(flat, Does.Contain($"Listening on {url}"));
        Assert.That(flat, Does.Contain($"export WORKFLOWTRACE_ES_URL={url}"));
        Assert.That(flat, Does.Contain("Stopped: 0 document(s) discarded."));
        Assert.That(async () => await new TcpClient().ConnectAsync("127.0.0.1", port), Throws.InstanceOf<SocketException>(), "the port is released");
    }

    [Test]
    public async Task ATakenPortIsNamedWithItsOwnExitCodeAndNoStackTrace()
    {
        var holder = new TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;

            var result = await CliRun.RunAsync(url: null, "dev-server", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Failed), result.ToString());
            Assert.That(result.Error, Does.Contain($"cannot listen on 127.0.0.1:{port}").And.Contain("--port"));
            Assert.That(result.Error, Does.Not.Contain("   at "));
        }
        finally
        {
            holder.Stop();
        }
    }

    [Test]
    public async Task APortOutOfRangeIsABadArgument()
    {
        var result = await CliRun.RunAsync(url: null, "dev-server", "--port", "70000");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadArguments), result.ToString());
        Assert.That(result.Error, Does.Contain("--port"));
    }

    /// <summary>The output with line wraps undone, so that a long line can be searched whole.</summary>
    internal static string Flat(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\s*\n\s*", " ");
}
