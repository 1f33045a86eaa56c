using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;
using Spectre.Console.Testing;
using WorkflowTrace.Cli.Infrastructure;
using WorkflowTrace.Cli.Tests.Support;

namespace WorkflowTrace.Cli.Tests.Commands;

/// <summary>Point 3: every command has <c>--help</c> with at least two examples.</summary>
public class HelpTests
{
    /// <summary>Every command the tool registers, by its path; <see cref="TheListHereIsEveryCommandCliAppRegisters"/> keeps it in step with CliApp.</summary>
    static readonly string[] Commands =
    [
        "health",
        "config",
        "indices",
        "mapping",
        "template",
        "template show",
        "template install",
        "prune",
        "runs",
        "show",
        "follow",
        "export",
        "replay",
        "errors",
        "search",
        "stats",
        "dev-server",
        "demo",
    ];

    [Test]
    public async Task TheListHereIsEveryCommandCliAppRegisters()
    {
        var registered = await RegisteredCommandsAsync();

        Assert.That(Commands.Except(registered), Is.Empty, "in the list but not registered by CliApp");
        Assert.That(registered.Except(Commands), Is.Empty, "registered by CliApp but missing from HelpTests.Commands: add them (and their examples)");
    }

    [TestCaseSource(nameof(Commands))]
    public async Task EveryCommandsHelpShowsItsUsageAndAtLeastTwoExamples(string command)
    {
        var result = await CliRun.RunAsync((string?)null, [.. command.Split(' '), "--help"]);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Success), result.ToString());
        Assert.That(result.Output, Does.Contain("USAGE:"), result.ToString());
        var examples = Section(result.Output, "EXAMPLES:").Where(l => l.StartsWith("workflow-trace " + command, StringComparison.Ordinal)).ToList();
        Assert.That(examples, Has.Count.GreaterThanOrEqualTo(2), result.ToString());
    }

    /// <summary>The lines of a help section, trimmed, up to the next heading.</summary>
    static IEnumerable<string> Section(string help, string heading) =>
        help.Split('\n').Select(l => l.Trim()).SkipWhile(l => l != heading).Skip(1).TakeWhile(l => !l.EndsWith(':') || l.Contains(' '));

    /// <summary>Every command of CliApp's configuration, as Spectre's own model gives it to the help provider.</summary>
    static async Task<IReadOnlyList<string>> RegisteredCommandsAsync()
    {
        var capture = new ModelCapture();
        var console = new TestConsole();
        var app = CliApp.Create(console, new CliEnvironment(new Dictionary<string, string?>(), TestContext.CurrentContext.WorkDirectory, new StringWriter()));
        app.Configure(config => config.SetHelpProvider(capture));
        await app.RunAsync(["--help"]);
        Assert.That(capture.Model, Is.Not.Null, "the help provider was not asked");
        return Walk(capture.Model!.Commands, "").ToList();
    }

    static IEnumerable<string> Walk(IEnumerable<ICommandInfo> commands, string prefix)
    {
        foreach (var command in commands.Where(c => !c.IsHidden))
        {
            var path = prefix + command.Name;
            yield return path;
            foreach (var child in Walk(command.Commands, path + " "))
                yield return child;
        }
    }

    sealed class ModelCapture : IHelpProvider
    {
        public ICommandModel? Model { get; private set; }

        public IEnumerable<IRenderable> Write(ICommandModel model, ICommandInfo? command)
        {
            Model = model;
            return [Text.Empty];
        }
    }
}
