using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>
/// A loopback HTTP server that answers every request with a status and a body of <c>bodyBytes</c> bytes: the given
/// start, then spaces (JSON whitespace). The body is streamed from one reused buffer, so the server itself allocates
/// next to nothing however large the answer: what a test measures is the client's.
/// </summary>
sealed class HugeAnswerServer : IAsyncDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly CancellationTokenSource _stop = new();
    readonly int _status;
    readonly byte[] _start;
    readonly long _bodyBytes;
    readonly Task _accepting;
    int _requests;

    public HugeAnswerServer(int status, string start, long bodyBytes)
    {
        _status = status;
        _start = Encoding.UTF8.GetBytes(start);
        _bodyBytes = bodyBytes;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>Requests answered (or being answered).</summary>
    public int Requests => Volatile.Read(ref _requests);

    async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
    }

    async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var filler = new byte[64 * 1024];
        Array.Fill(filler, (byte)' ');
        try
        {
            while (await SkipRequestAsync(stream))
            {
                Interlocked.Increment(ref _requests);
                var head = $"HTTP/1.1 {_status} Whatever\r\nContent-Type: application/json\r\nContent-Length: {_bodyBytes}\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
                await stream.WriteAsync(_start, _stop.Token);
                for (var sent = (long)_start.Length; sent < _bodyBytes; sent += filler.Length)
                    await stream.WriteAsync(filler.AsMemory(0, (int)Math.Min(filler.Length, _bodyBytes - sent)), _stop.Token);
            }
        }
        catch (Exception)
        {
            // The client hung up: that is what a capped reader does.
        }
    }

    /// <summary>Reads one request's head and body; false when the connection ended.</summary>
    static async Task<bool> SkipRequestAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0)
                return false;
            head.Append((char)one[0]);
        }
        var lengthLine = head.ToString().Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var remaining = lengthLine is null ? 0 : long.Parse(lengthLine["Content-Length:".Length..].Trim());
        var buffer = new byte[8192];
        while (remaining > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)));
            if (read == 0)
                return false;
            remaining -= read;
        }
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
