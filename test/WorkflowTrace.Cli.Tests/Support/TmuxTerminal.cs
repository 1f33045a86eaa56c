using System.Diagnostics;

namespace WorkflowTrace.Cli.Tests.Support;

/// <summary>
/// The tool run in a real terminal: a detached tmux session on its own socket, read with <c>capture-pane</c> and
/// driven with <c>send-keys</c>, as a person sees and types. Disposing kills the session (and only it).
/// </summary>
sealed class TmuxTerminal : IDisposable
{
    readonly string _socket = "wt-cli-tests-" + Guid.NewGuid().ToString("N")[..8];
    const string Session = "tool";

    TmuxTerminal() { }

    /// <summary>Whether tmux can be run here.</summary>
    public static bool Available => Run(null, "-V").ExitCode == 0;

    /// <summary>Runs the tool with <paramref name="arguments"/> in a terminal of 150 × 50, then prints its exit code as <c>EXIT=n</c>.</summary>
    public static TmuxTerminal Start(string url, params string[] arguments)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "workflow-trace.dll");
        var command = $"env WORKFLOWTRACE_ES_URL='{url}' dotnet '{tool}' {string.Join(' ', arguments.Select(a => $"'{a}'"))}; echo EXIT=$?; sleep 600";
        var terminal = new TmuxTerminal();
        var started = Run(terminal._socket, "new-session", "-d", "-s", Session, "-x", "150", "-y", "50", command);
        Assert.That(started.ExitCode, Is.Zero, started.Output);
        return terminal;
    }

    /// <summary>What the screen shows now, without colours.</summary>
    public string Screen() => Run(_socket, "capture-pane", "-p", "-t", Session).Output;

    /// <summary>Types keys, e.g. <c>C-c</c>.</summary>
    public void SendKeys(string keys) => Run(_socket, "send-keys", "-t", Session, keys);

    /// <summary>Waits until the screen shows <paramref name="text"/>; fails after 60 s showing the screen.</summary>
    public async Task<string> WaitForAsync(string text)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var screen = Screen();
            if (screen.Contains(text, StringComparison.Ordinal)) return screen;
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
                Assert.Fail($"The terminal never showed '{text}'. It shows:\n{screen}");
            await Task.Delay(100);
        }
    }

    public void Dispose() => Run(_socket, "kill-server");

    static (int ExitCode, string Output) Run(string? socket, params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (socket is not null)
        {
            start.ArgumentList.Add("-L");
            start.ArgumentList.Add(socket);
        }

        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception failure)
        {
            return (-1, failure.Message);
        }
    }
}
