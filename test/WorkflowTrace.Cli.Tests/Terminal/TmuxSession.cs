using System.Diagnostics;

namespace WorkflowTrace.Cli.Tests.Terminal;

/// <summary>
/// A real terminal: a tmux session of a fixed size on a tmux server of its own (its own socket, so that nothing else
/// running tmux is touched), running one command through <c>sh</c>. The test sends keys and reads the screen as a
/// person sees it. When the command ends, the shell prints <c>[exit N]</c> and keeps the pane open for reading.
/// Tests using it are ignored where tmux is not installed.
/// </summary>
sealed class TmuxSession : IDisposable
{
    const string Window = "main";
    readonly string _socket = "wt-test-" + Guid.NewGuid().ToString("N")[..12];

    TmuxSession()
    {
    }

    /// <summary>The text on the screen now, one line per row, trailing spaces trimmed; with colours as ANSI escapes when <paramref name="withEscapes"/>.</summary>
    public string Screen(bool withEscapes = false) =>
        string.Join('\n', Tmux(withEscapes ? ["capture-pane", "-p", "-e", "-t", Window] : ["capture-pane", "-p", "-t", Window])
            .Split('\n').Select(line => line.TrimEnd()));

    /// <summary>
    /// Starts <paramref name="command"/> in a <paramref name="columns"/> × <paramref name="rows"/> terminal with the
    /// given environment variables set (and <c>NO_COLOR</c> unset: a person's terminal has colours).
    /// </summary>
    public static TmuxSession Start(int columns, int rows, IReadOnlyDictionary<string, string> environment, params string[] command)
    {
        if (!Installed())
            Assert.Ignore("tmux is not installed (Debian: apt-get install tmux); the real-terminal tests need it");
        var session = new TmuxSession();
        var variables = string.Concat(environment.Select(v => $"{v.Key}={Quote(v.Value)} "));
        // Ctrl+C reaches the whole foreground group, the shell too: it traps it (its children get the default) and goes on.
        var script = $"trap 'true' INT; unset NO_COLOR; {variables}{string.Join(' ', command.Select(Quote))}; echo \"[exit $?]\"; sleep 600";
        session.Tmux("new-session", "-d", "-s", Window, "-x", columns.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-y", rows.ToString(System.Globalization.CultureInfo.InvariantCulture), "sh", "-c", script);
        return session;
    }

    /// <summary>Sends keys as typed, e.g. <c>C-c</c> for Ctrl+C (tmux's key names).</summary>
    public void SendKeys(params string[] keys) => Tmux(["send-keys", "-t", Window, .. keys]);

    /// <summary>Waits until the screen satisfies <paramref name="condition"/>; fails with the screen when it does not in time.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var screen = Screen();
            if (condition(screen))
                return screen;
            if (DateTimeOffset.UtcNow > deadline)
                Assert.Fail($"the terminal did not show {what}; it shows:\n{screen}");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until the screen contains <paramref name="text"/>.</summary>
    public Task<string> WaitForAsync(string text, TimeSpan? timeout = null) =>
        WaitForAsync(screen => screen.Contains(text, StringComparison.Ordinal), $"'{text}'", timeout);

    /// <summary>Ends the session's own tmux server, and the command with it.</summary>
    public void Dispose()
    {
        try
        {
            Tmux("kill-server");
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    static bool Installed()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("tmux", "-V") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            probe.WaitForExit(10_000);
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    string Tmux(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-L", _socket, .. args])
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"tmux {string.Join(' ', args)}: exit {process.ExitCode}: {error}");
        return output;
    }

    static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
