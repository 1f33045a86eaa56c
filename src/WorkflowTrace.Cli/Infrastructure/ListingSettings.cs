using System.ComponentModel;
using Spectre.Console.Cli;

namespace WorkflowTrace.Cli.Infrastructure;

/// <summary>The options of every listing command: the connection, and <c>--json</c> for scripts.</summary>
class ListingSettings : ConnectionSettings
{
    [CommandOption("--json")]
    [Description("Write JSON (one document; ndjson for streams) instead of tables")]
    public bool Json { get; init; }
}
