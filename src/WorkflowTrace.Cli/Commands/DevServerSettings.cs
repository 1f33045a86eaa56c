using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace WorkflowTrace.Cli.Commands;

/// <summary>The options of <c>workflow-trace dev-server</c>.</summary>
sealed class DevServerSettings : CommandSettings
{
    [CommandOption("--port <PORT>")]
    [Description("The loopback port to listen on (default 9200, Elasticsearch's; 0 takes a free one)")]
    [DefaultValue(9200)]
    public int Port { get; init; } = 9200;

    public override ValidationResult Validate() =>
        Port is < 0 or > 65535 ? ValidationResult.Error($"--port: {Port} is not a port (0-65535)") : ValidationResult.Success();
}
