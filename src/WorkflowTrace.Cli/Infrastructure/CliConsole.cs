using Spectre.Console;

namespace WorkflowTrace.Cli.Infrastructure;

/// <summary>
/// The console the tool writes to: colours, tables and live output for a person at a terminal; plain text (no ANSI
/// codes, no live rendering) when the output is redirected or <c>NO_COLOR</c> is set.
/// </summary>
static class CliConsole
{
    /// <summary>Whether output goes to a person: a terminal, and <c>NO_COLOR</c> not set.</summary>
    public static bool IsInteractive(Func<string, string?> environment) =>
        !Console.IsOutputRedirected && string.IsNullOrEmpty(environment("NO_COLOR"));

    /// <summary>The console for standard output.</summary>
    public static IAnsiConsole Create(Func<string, string?> environment)
    {
        var interactive = IsInteractive(environment);
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
    }
}
