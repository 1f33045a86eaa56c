using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Turns the query DSL subset the fake understands (match_all, match_none, term, terms, match, range,
/// exists, ids, bool) into a predicate. Anything else is refused with a 400 rather than ignored.
/// </summary>
internal static class QueryCompiler
{
    private const string Supported = "match_all, match_none, term, terms, match, multi_match, range, exists, ids, bool";

    public static Func<SearchDocument, bool> Compile(JsonNode? query)
    {
        if (query is null)
        {
            return _ => true;
        }

        if (query is not JsonObject clause || clause.Count != 1)
        {
            throw Parsing("[_na] query malformed, must start with start_object and contain exactly one query");
        }

        var (name, body) = clause.First();
        return name switch
        {
            "match_all" => _ => true,
            "match_none" => _ => false,
            "term" => Term(body),
            "terms" => Terms(body),
            "match" => Match(body),
            "multi_match" => MultiMatch(body),
            "range" => Range(body),
            "exists" => Exists(body),
            "ids" => Ids(body),
            "bool" => Bool(body),
            _ => throw Parsing($"unknown query [{name}] (FakeElasticsearch supports {Supported})"),
        };
    }

    /// <summary>Whether a query only filters (Elasticsearch then scores every hit 0).</summary>
    public static bool IsFilterOnly(JsonNode? query) =>
        query is JsonObject { Count: 1 } clause && clause.First() is { Key: "bool", Value: JsonObject body }
        && !body.ContainsKey("must") && !body.ContainsKey("should");

    private static Func<SearchDocument, bool> Term(JsonNode? body)
    {
        var (field, spec) = SingleField(body, "term");
        var value = spec is JsonObject options ? options["value"] : spec;
        var caseInsensitive = spec is JsonObject o && o["case_insensitive"]?.GetValueKind() == JsonValueKind.True;
        if (value is null || value is JsonObject or JsonArray)
        {
            throw Parsing("[term] query does not support array of values");
        }

        return doc => AnyValue(doc, field, (mapping, v) => Equal(mapping, v, value, caseInsensitive));
    }

    private static Func<SearchDocument, bool> Terms(JsonNode? body)
    {
        var options = body as JsonObject ?? throw Parsing("[terms] query malformed");
        var (field, spec) = options.Where(p => p.Key != "boost").Select(p => (p.Key, p.Value)).SingleOrDefault();
        if (spec is not JsonArray values)
        {
            throw Parsing("[terms] query does not support [" + field + "]");
        }

        // Keyword fields compare exact text: one set lookup instead of a comparison per term (thousands of run ids).
        var texts = values.OfType<JsonNode>().Select(SourceValues.Text).ToHashSet(StringComparer.Ordinal);
        return doc => AnyValue(doc, field, (mapping, v) => mapping.Type == FieldType.Keyword
            ? SourceValues.Text(v) is var text && text.Length <= mapping.IgnoreAbove && texts.Contains(text)
            : values.Any(t => t is not null && Equal(mapping, v, t, false)));
    }

    private static Func<SearchDocument, bool> Match(JsonNode? body)
    {
        var (field, spec) = SingleField(body, "match");
        var query = (spec is JsonObject options ? options["query"] : spec) ?? throw Parsing("[match] requires query value");
        var and = spec is JsonObject o && o["operator"]?.ToString().Equals("and", StringComparison.OrdinalIgnoreCase) == true;
        return doc => AnyValue(doc, field, (mapping, value) =>
        {
            if (mapping.Type != FieldType.Text)
            {
                return Equal(mapping, value, query, false);
            }

            var queryTokens = SourceValues.Tokens(SourceValues.Text(query)).ToList();
            var docTokens = SourceValues.Tokens(SourceValues.Text(value)).ToHashSet();
            return and ? queryTokens.All(docTokens.Contains) : queryTokens.Any(docTokens.Contains);
        });
    }

    // best_fields (the default) with an OR of the fields: a document matches when one field matches the query text.
    private static Func<SearchDocument, bool> MultiMatch(JsonNode? body)
    {
        var options = body as JsonObject ?? throw Parsing("[multi_match] query malformed");
        var query = options["query"] ?? throw Parsing("No text specified for multi_match query");
        if (options["type"]?.ToString() is { } type && type is not ("best_fields" or "most_fields"))
        {
            throw new EsErrorException(EsErrors.Unsupported($"multi_match of type [{type}]"));
        }

        var fields = options["fields"] switch
        {
            JsonArray array => array.Select(f => f!.ToString()).ToList(),
            JsonValue single => [single.ToString()],
            _ => throw new EsErrorException(EsErrors.Unsupported("multi_match without [fields] (index.query.default_field)")),
        };
        var matchers = fields.Select(f => Match(new JsonObject
        {
            [f.Split('^')[0]] = new JsonObject { ["query"] = query.DeepClone(), ["operator"] = options["operator"]?.DeepClone() ?? "or" },
        })).ToList();
        return doc => matchers.Any(m => m(doc));
    }

    private static Func<SearchDocument, bool> Range(JsonNode? body)
    {
        var (field, spec) = SingleField(body, "range");
        var bounds = spec as JsonObject ?? throw Parsing("[range] query malformed, no start_object after query name");
        foreach (var (key, _) in bounds)
        {
            if (key is not ("gt" or "gte" or "lt" or "lte" or "format" or "boost" or "time_zone"))
            {
                throw Parsing($"[range] query does not support [{key}]");
            }
        }

        var now = DateTimeOffset.UtcNow;
        return doc => AnyValue(doc, field, (mapping, value) =>
            InBound(mapping, value, bounds["gt"], c => c > 0, true, now) && InBound(mapping, value, bounds["gte"], c => c >= 0, false, now)
            && InBound(mapping, value, bounds["lt"], c => c < 0, false, now) && InBound(mapping, value, bounds["lte"], c => c <= 0, true, now));
    }

    private static Func<SearchDocument, bool> Exists(JsonNode? body)
    {
        var field = body?["field"]?.ToString() ?? throw Parsing("[exists] must be provided with a [field]");
        return doc => SourceValues.Resolve(doc.Index.Mapping, field) is { } resolved
            && SourceValues.Get(doc.Source, resolved.SourcePath).Count > 0;
    }

    private static Func<SearchDocument, bool> Ids(JsonNode? body)
    {
        var ids = (body?["values"] as JsonArray ?? throw Parsing("[ids] query malformed, no values"))
            .Select(v => v?.ToString()).ToHashSet();
        return doc => ids.Contains(doc.Stored.Id);
    }

    private static Func<SearchDocument, bool> Bool(JsonNode? body)
    {
        var options = body as JsonObject ?? throw Parsing("[bool] query malformed");
        var must = new List<Func<SearchDocument, bool>>();
        var mustNot = new List<Func<SearchDocument, bool>>();
        var should = new List<Func<SearchDocument, bool>>();
        var minimumShouldMatch = -1;
        foreach (var (key, value) in options)
        {
            switch (key)
            {
                case "must" or "filter":
                    must.AddRange(Clauses(value).Select(Compile));
                    break;
                case "must_not":
                    mustNot.AddRange(Clauses(value).Select(Compile));
                    break;
                case "should":
                    should.AddRange(Clauses(value).Select(Compile));
                    break;
                case "minimum_should_match":
                    minimumShouldMatch = int.TryParse(value?.ToString(), out var minimum)
                        ? minimum
                        : throw Parsing("[bool] minimum_should_match must be a number (FakeElasticsearch)");
                    break;
                case "boost" or "_name":
                    break;
                default:
                    throw Parsing($"[bool] query does not support [{key}]");
            }
        }

        // Without must or filter clauses at least one should clause has to match.
        if (minimumShouldMatch < 0)
        {
            minimumShouldMatch = must.Count == 0 && should.Count > 0 ? 1 : 0;
        }

        return doc => must.All(q => q(doc)) && !mustNot.Any(q => q(doc)) && should.Count(q => q(doc)) >= minimumShouldMatch;
    }

    private static IEnumerable<JsonNode?> Clauses(JsonNode? value) => value is JsonArray array ? array : [value];

    private static (string Field, JsonNode? Spec) SingleField(JsonNode? body, string query)
    {
        if (body is not JsonObject options || options.Count != 1)
        {
            throw Parsing($"[{query}] query doesn't support multiple fields, found [{(body as JsonObject)?.Count ?? 0}] fields");
        }

        var (field, spec) = options.First();
        return (field, spec);
    }

    private static bool AnyValue(SearchDocument doc, string field, Func<FieldMapping, JsonNode, bool> test) =>
        SourceValues.Resolve(doc.Index.Mapping, field) is { } resolved
        && resolved.Field.Type != FieldType.Object
        && SourceValues.Get(doc.Source, resolved.SourcePath).Any(value => test(resolved.Field, value));

    private static bool Equal(FieldMapping field, JsonNode docValue, JsonNode term, bool caseInsensitive)
    {
        var comparison = caseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var text = SourceValues.Text(docValue);
        var termText = SourceValues.Text(term);
        return field.Type switch
        {
            FieldType.Keyword => text.Length <= field.IgnoreAbove && string.Equals(text, termText, comparison),

            // A term is not analyzed: it has to equal one of the (lower-cased) tokens.
            FieldType.Text => SourceValues.Tokens(text).Any(token => string.Equals(token, termText, comparison)),
            _ => SourceValues.Number(field, docValue) is { } number && SourceValues.Number(field, term) == number,
        };
    }

    private static bool InBound(FieldMapping field, JsonNode value, JsonNode? bound, Func<int, bool> accept, bool roundUp, DateTimeOffset now)
    {
        if (bound is null)
        {
            return true;
        }

        if (field.Type == FieldType.Date && DateMath.IsMath(SourceValues.Text(bound)))
        {
            return SourceValues.Number(field, value) is { } millis && accept(millis.CompareTo(DateMath.Resolve(SourceValues.Text(bound), roundUp, now)));
        }

        if (SourceValues.IsNumeric(field))
        {
            var limit = SourceValues.Number(field, bound)
                ?? throw Parsing($"failed to parse [{SourceValues.Text(bound)}] for a range on a [{field.TypeName}] field (FakeElasticsearch supports literal values only)");
            return SourceValues.Number(field, value) is { } number && accept(number.CompareTo(limit));
        }

        return accept(string.CompareOrdinal(SourceValues.Text(value), SourceValues.Text(bound)));
    }

    private static EsErrorException Parsing(string reason) => new(EsErrors.Parsing(reason));
}
