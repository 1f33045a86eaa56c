using Serilog.Debugging;
using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>
/// Says once, at start-up, when credentials are about to travel unencrypted over <c>http://</c> to another machine,
/// where anyone on the network path can read them. Plain HTTP to this machine (a local node, a side-car proxy) is
/// not warned about.
/// </summary>
static class CleartextCredentialsWarning
{
    public static void WriteIfNeeded(WorkflowTraceSettings settings)
    {
        var kind = settings.BearerToken is not null ? "a bearer token"
            : settings.ApiKey is not null ? "an API key"
            : settings.Username is not null ? "a username and password"
            : null;
        if (kind is null)
            return;

        var exposed = settings.Hosts.Where(h => h.Scheme == Uri.UriSchemeHttp && !h.IsLoopback).ToList();
        if (exposed.Count == 0)
            return;

        SelfLog.WriteLine("WorkflowTrace: {0} will be sent in cleartext over http:// to {1}, readable by anyone on the network path; use https:// hosts",
            kind, string.Join(", ", exposed));
    }
}
