using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>One sort criterion of a search: a field (or _doc/_shard_doc/_score) and a direction.</summary>
internal sealed record SortSpec(string Field, bool Descending, string? UnmappedType)
{
    public bool IsDocOrder => Field is "_doc" or "_shard_doc";

    /// <summary>Reads <c>sort</c> from a body (string, object or array of them) or the URL form <c>f:asc,g:desc</c>.</summary>
    public static List<SortSpec> Parse(JsonNode? body, string? urlSort)
    {
        var specs = new List<SortSpec>();
        if (!string.IsNullOrEmpty(urlSort))
        {
            foreach (var part in urlSort.Split(','))
            {
                var pieces = part.Split(':');
                specs.Add(new SortSpec(pieces[0], pieces.Length > 1 && pieces[1] == "desc", null));
            }

            return specs;
        }

        foreach (var element in body is JsonArray array ? array.ToList() : body is null ? [] : [body])
        {
            switch (element)
            {
                case JsonValue value:
                    var name = value.ToString();
                    specs.Add(new SortSpec(name, name == "_score", null));
                    break;
                case JsonObject obj when obj.Count == 1:
                    var (field, options) = obj.First();
                    var order = options is JsonObject o ? o["order"]?.ToString() : options?.ToString();
                    var unmapped = options is JsonObject u ? u["unmapped_type"]?.ToString() : null;
                    specs.Add(new SortSpec(field, order is null ? field == "_score" : order == "desc", unmapped));
                    break;
                default:
                    throw new EsErrorException(EsErrors.Parsing("[sort] malformed sort element"));
            }
        }

        return specs;
    }
}
