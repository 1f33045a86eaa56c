using Serilog.Debugging;
using Serilog.Sinks.WorkflowTrace.Diagnostics;

namespace Serilog.Sinks.WorkflowTrace.Transport;

/// <summary>
/// Sends each request to a node of the <see cref="NodePool"/> and fails over: a node that gives no answer, times
/// out, or whose answer <see cref="StatusPolicy.TakesNodeOutOfRotation"/> (502/503/504, or a proxy's HTML page) is
/// marked dead and the request moves to the next node. A dead node whose time-out is up is pinged (<c>HEAD /</c>)
/// before it takes traffic. Every other answer — 2xx, 4xx (401 and 403 included: another node would say the same),
/// 429 — is returned as it is.
/// </summary>
sealed class NodePoolTransport : IElasticsearchTransport
{
    static readonly TransportRequest Ping = new(HttpMethod.Head, "");
    static readonly TimeSpan MaxPingTimeout = TimeSpan.FromSeconds(2);

    readonly NodePool _pool;
    readonly HttpConnection _connection;
    readonly TimeSpan _timeout;
    readonly SinkMonitor _monitor;

    public NodePoolTransport(NodePool pool, HttpConnection connection, TimeSpan timeout, SinkMonitor monitor)
    {
        _pool = pool;
        _connection = connection;
        _timeout = timeout;
        _monitor = monitor;
    }

    public NodePool Pool => _pool;

    public async Task<TransportResponse> SendAsync(TransportRequest request, CancellationToken cancellationToken)
    {
        TransportException? lastError = null;
        TransportResponse? lastBadAnswer = null;
        var candidates = _pool.Candidates();
        for (var i = 0; i < candidates.Count; i++)
        {
            var (node, needsPing) = candidates[i];
            if (needsPing && await PingAsync(node, cancellationToken).ConfigureAwait(false) is { } pingFailure)
            {
                lastError = new TransportException(node.Uri, pingFailure, null);
                lastBadAnswer = null;
                continue;
            }

            try
            {
                var response = await _connection.SendAsync(node.Uri, request, _timeout, cancellationToken).ConfigureAwait(false);
                if (NodeFailure(response) is { } failure)
                {
                    lastBadAnswer = response;
                    lastError = new TransportException(node.Uri, failure, null);
                    Fail(node, failure, moreToTry: i + 1 < candidates.Count);
                    continue;
                }

                _pool.MarkAlive(node);
                return response;
            }
            catch (TransportException ex)
            {
                lastError = ex;
                lastBadAnswer = null;
                Fail(node, ex.Message, moreToTry: i + 1 < candidates.Count);
            }
        }

        // Every node tried has failed. A "try again" status is returned for the retry policy to judge; anything
        // else (no answer, a non-JSON page) is a failure of the request.
        if (lastBadAnswer is not null && StatusPolicy.RetryRequest(lastBadAnswer.StatusCode))
            return lastBadAnswer;
        throw lastError ?? new TransportException(candidates[^1].Node.Uri, "no node could be tried", null);
    }

    /// <summary>Why an answer shows the node (or what stands in front of it) to be unfit, or null for a real answer.</summary>
    static string? NodeFailure(TransportResponse response)
    {
        var foreignBody = response.Body.Length > 0 && !response.IsJson;
        if (!StatusPolicy.TakesNodeOutOfRotation(response.StatusCode, foreignBody))
            return null;
        return StatusPolicy.IsUnavailable(response.StatusCode)
            ? $"answered {response.StatusCode}"
            : $"answered {response.StatusCode} with a body that is not JSON ({response.ContentType ?? "no content type"}), as a proxy or something other than Elasticsearch does";
    }

    /// <summary>Pings a node that was dead; null when it answered, else why not (and it stays dead).</summary>
    async Task<string?> PingAsync(ElasticsearchNode node, CancellationToken cancellationToken)
    {
        try
        {
            var timeout = _timeout < MaxPingTimeout ? _timeout : MaxPingTimeout;
            var response = await _connection.SendAsync(node.Uri, Ping, timeout, cancellationToken).ConfigureAwait(false);
            if (StatusPolicy.FailsPing(response.StatusCode))
            {
                var failure = $"ping answered {response.StatusCode}";
                Fail(node, failure, moreToTry: true);
                return failure;
            }

            _pool.MarkAlive(node);
            SelfLog.WriteLine("WorkflowTrace: Elasticsearch node {0} answered its ping and takes traffic again", node.Uri);
            return null;
        }
        catch (TransportException ex)
        {
            var failure = "ping failed: " + ex.Message;
            Fail(node, failure, moreToTry: true);
            return failure;
        }
    }

    void Fail(ElasticsearchNode node, string reason, bool moreToTry)
    {
        _pool.MarkDead(node, reason);
        _monitor.NodeFailed(node.Uri, reason);
        var timeout = _pool.DeadTimeoutFor(node.FailedAttempts);
        SelfLog.WriteLine("WorkflowTrace: Elasticsearch node {0} failed ({1}); it is out of rotation for {2}",
            node.Uri, reason, $"{timeout.TotalSeconds:0} s{(moreToTry ? "; trying the next node" : "")}");
    }

    public void Dispose() => _connection.Dispose();
}
