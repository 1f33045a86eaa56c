using System.Globalization;
using System.Text.Json;
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

    /// <summary>The value a hit shows in <c>sort</c> and is ordered by; refuses text and unmapped fields as Elasticsearch does.</summary>
    public JsonNode? ValueOf(SearchDocument doc)
    {
        if (IsDocOrder)
        {
            return doc.Stored.Order;
        }

        if (Field == "_score")
        {
            return 1.0m;
        }

        // Field data on _id (where the server allows it: see SearchFeatures.AllowsIdSort).
        if (Field == "_id")
        {
            return doc.Stored.Id;
        }

        var resolved = SourceValues.Resolve(doc.Index.Mapping, Field);
        if (resolved is null)
        {
            if (UnmappedType is null)
            {
                throw new EsErrorException(EsErrors.SearchPhaseFailure(doc.Index.ConcreteName,
                    new EsError(400, "query_shard_exception", $"No mapping found for [{Field}] in order to sort on")
                        .With("index_uuid", doc.Index.Uuid).With("index", doc.Index.ConcreteName)));
            }

            return null;
        }

        var (path, field) = resolved.Value;
        if (field.Type == FieldType.Text)
        {
            throw new EsErrorException(EsErrors.SearchPhaseFailure(doc.Index.ConcreteName, EsErrors.IllegalArgument(
                $"Fielddata is disabled on [{Field}] in [{doc.Index.ConcreteName}]. Text fields are not optimised for operations that require per-document field data like aggregations and sorting, so these operations are disabled by default. Please use a keyword field instead. Alternatively, set fielddata=true on [{Field}] in order to load field data by uninverting the inverted index. Note that this can use significant memory.")));
        }

        var values = SourceValues.Get(doc.Source, path);
        if (SourceValues.IsNumeric(field))
        {
            var numbers = values.Select(v => SourceValues.Number(field, v)).OfType<double>().ToList();
            if (numbers.Count == 0)
            {
                // Missing values sort last, which Elasticsearch shows as the extreme long.
                return Descending ? long.MinValue : long.MaxValue;
            }

            var chosen = Descending ? numbers.Max() : numbers.Min();
            return field.Type == FieldType.Float ? JsonValue.Create(chosen) : JsonValue.Create((long)chosen);
        }

        var texts = values.Select(SourceValues.Text).Order(StringComparer.Ordinal).ToList();
        return texts.Count == 0 ? null : Descending ? texts[^1] : texts[0];
    }

    /// <summary>Orders two hits' sort values by the criteria; positive when <paramref name="left"/> comes after.</summary>
    public static int Compare(JsonNode?[] left, JsonNode?[] right, List<SortSpec> sorts)
    {
        for (var i = 0; i < sorts.Count && i < right.Length; i++)
        {
            // A missing value sorts last whatever the direction (Elasticsearch's default "missing": "_last").
            if (left[i] is null || right[i] is null)
            {
                if (left[i] is null && right[i] is null)
                {
                    continue;
                }

                return left[i] is null ? 1 : -1;
            }

            var result = CompareValues(left[i]!, right[i]!);
            if (result != 0)
            {
                return sorts[i].Descending ? -result : result;
            }
        }

        return 0;
    }

    private static int CompareValues(JsonNode left, JsonNode right)
    {
        if (left.GetValueKind() == JsonValueKind.Number && right.GetValueKind() == JsonValueKind.Number)
        {
            return Number(left).CompareTo(Number(right));
        }

        return string.CompareOrdinal(SourceValues.Text(left), SourceValues.Text(right));
    }

    private static double Number(JsonNode value) => double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
}
