namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>Unwinds request handling with the answer Elasticsearch would give.</summary>
internal sealed class EsErrorException : Exception
{
    public EsErrorException(EsError error)
        : base(error.Reason)
    {
        Error = error;
        Response = EsResponse.Error(error);
    }

    public EsError Error { get; }

    public EsResponse Response { get; }
}
