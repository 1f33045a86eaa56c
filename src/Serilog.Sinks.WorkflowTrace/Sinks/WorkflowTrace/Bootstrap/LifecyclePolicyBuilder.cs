using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace.Bootstrap;

/// <summary>
/// The retention option turned into the server's own lifecycle mechanism: an ILM policy on Elasticsearch (a hot
/// phase that rolls a data stream over daily, then deletion at the retention age), an ISM policy on OpenSearch.
/// Serverless has neither: there the template carries a data stream lifecycle instead.
/// </summary>
static class LifecyclePolicyBuilder
{
    /// <summary>The ILM policy; its <c>_meta.content_hash</c> lets an unchanged installed policy be left alone.</summary>
    public static (string Path, byte[] Body, string ContentHash) Ilm(string name, TimeSpan retention, bool dataStream)
    {
        var phases = new JsonObject();
        if (dataStream)
        {
            phases["hot"] = new JsonObject
            {
                ["min_age"] = "0ms",
                ["actions"] = new JsonObject { ["rollover"] = new JsonObject { ["max_age"] = "1d", ["max_primary_shard_size"] = "50gb" } },
            };
        }
        phases["delete"] = new JsonObject
        {
            ["min_age"] = ElasticsearchDuration.Format(retention),
            ["actions"] = new JsonObject { ["delete"] = new JsonObject() },
        };
        var hash = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(phases))).ToLowerInvariant();
        var body = new JsonObject
        {
            ["policy"] = new JsonObject
            {
                ["_meta"] = new JsonObject { ["managed_by"] = IndexTemplateBuilder.ManagedBy, ["content_hash"] = hash },
                ["phases"] = phases,
            },
        };
        return ("_ilm/policy/" + Uri.EscapeDataString(name), JsonSerializer.SerializeToUtf8Bytes(body), hash);
    }

    public static (string Path, byte[] Body) Ism(string name, TimeSpan retention, string pattern, int priority)
    {
        var age = ElasticsearchDuration.Format(retention);
        var body = new JsonObject
        {
            ["policy"] = new JsonObject
            {
                ["description"] = $"{IndexTemplateBuilder.ManagedBy}: delete trace indices {age} after creation",
                ["default_state"] = "hot",
                ["states"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["name"] = "hot",
                        ["actions"] = new JsonArray(),
                        ["transitions"] = new JsonArray { new JsonObject { ["state_name"] = "delete", ["conditions"] = new JsonObject { ["min_index_age"] = age } } },
                    },
                    new JsonObject
                    {
                        ["name"] = "delete",
                        ["actions"] = new JsonArray { new JsonObject { ["delete"] = new JsonObject() } },
                        ["transitions"] = new JsonArray(),
                    },
                },
                ["ism_template"] = new JsonArray { new JsonObject { ["index_patterns"] = new JsonArray(pattern), ["priority"] = priority } },
            },
        };
        return ("_plugins/_ism/policies/" + Uri.EscapeDataString(name), JsonSerializer.SerializeToUtf8Bytes(body));
    }
}
