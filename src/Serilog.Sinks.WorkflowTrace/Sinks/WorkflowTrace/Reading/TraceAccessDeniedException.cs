namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>Elasticsearch refused the credentials (401) or the privileges (403) for a read.</summary>
public sealed class TraceAccessDeniedException : TraceReadException
{
    /// <summary>The privileges reading needs on the trace indices.</summary>
    public const string RequiredPrivileges = "read and view_index_metadata on the trace indices, and the cluster privilege monitor";

    /// <summary>A refusal, with Elasticsearch's own reason.</summary>
    public TraceAccessDeniedException(int statusCode, string operation, string? reason)
        : this(statusCode, operation, reason, RequiredPrivileges)
    {
    }

    /// <summary>A refusal of an operation that needs <paramref name="neededPrivileges"/> (managing indices needs more than reading).</summary>
    public TraceAccessDeniedException(int statusCode, string operation, string? reason, string neededPrivileges)
        : base(Describe(statusCode, operation, reason, neededPrivileges), statusCode)
    {
        NeededPrivileges = neededPrivileges;
    }

    /// <summary>The privileges the refused operation needs.</summary>
    public string NeededPrivileges { get; }

    static string Describe(int statusCode, string operation, string? reason, string needed) => statusCode == 401
        ? $"Elasticsearch refused the credentials (401) for {operation}: check the username and password, API key or bearer token.{Reason(reason)}"
        : $"Elasticsearch refused {operation} (403): the credentials lack a privilege. " +
          (needed == RequiredPrivileges ? $"Reading needs {needed}." : $"This needs {needed}; reading needs {RequiredPrivileges}.") + Reason(reason);

    static string Reason(string? reason) => string.IsNullOrEmpty(reason) ? "" : $" Elasticsearch said: {reason}";
}
