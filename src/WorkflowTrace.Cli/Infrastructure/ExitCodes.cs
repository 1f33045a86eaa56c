namespace WorkflowTrace.Cli.Infrastructure;

/// <summary>The tool's exit codes, one per kind of expected failure, so scripts can tell them apart.</summary>
static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>Any other failure Elasticsearch reported (the message says which).</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments or settings.</summary>
    public const int BadArguments = 2;

    /// <summary>No node of the cluster answered (the message names the URLs).</summary>
    public const int CannotConnect = 3;

    /// <summary>401 or 403: the credentials or their privileges were refused.</summary>
    public const int AccessDenied = 4;

    /// <summary>The trace index does not exist.</summary>
    public const int IndexMissing = 5;

    /// <summary>The run was not found.</summary>
    public const int NotFound = 6;

    /// <summary>A search timed out.</summary>
    public const int Timeout = 7;

    /// <summary><c>mapping</c>: a trace index's mapping in force differs from the field contract.</summary>
    public const int MappingDrift = 8;

    /// <summary>Stopped with Ctrl+C.</summary>
    public const int Cancelled = 130;
}
