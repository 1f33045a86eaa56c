using System.Runtime.InteropServices;
using Spectre.Console;
using Spectre.Console.Cli;
using WorkflowTrace.Cli;
using WorkflowTrace.Cli.Infrastructure;

var environment = new CliEnvironment();
var console = CliConsole.Create(environment.Variable);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // end the command in order (close points in time), then exit 130
    cancellation.Cancel();
};
// SIGTERM (kill, docker stop, a test's tmux kill) ends a command the same way, dev-server included.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    cancellation.Cancel();
});
return await CliApp.Create(console, environment).RunAsync(args, cancellation.Token);
