namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Checks index settings (of a new index or a template) the way the server would: unknown keys are refused with
/// Elasticsearch's message, known ones need values of the right kind, serverless refuses what it manages itself,
/// and settings the fake would have to act on but does not say so.
/// </summary>
internal static class SettingsValidator
{
    // Settings the fake accepts: they change nothing it models, or it models them.
    private static readonly HashSet<string> Everywhere = new(StringComparer.Ordinal)
    {
        "index.number_of_shards", "index.number_of_replicas", "index.refresh_interval", "index.auto_expand_replicas",
        "index.hidden", "index.codec", "index.max_result_window", "index.mapping.total_fields.limit",
        "index.mapping.depth.limit", "index.mapping.nested_fields.limit", "index.query.default_field", "index.priority",
        "index.translog.durability", "index.number_of_routing_shards", "index.max_inner_result_window",
        "index.routing.allocation.total_shards_per_node",
    };

    private static readonly HashSet<string> ElasticsearchOnly = new(StringComparer.Ordinal)
    {
        "index.lifecycle.name", "index.lifecycle.rollover_alias", "index.lifecycle.origination_date",
        "index.lifecycle.parse_origination_date", "index.lifecycle.indexing_complete",
        "index.routing.allocation.include._tier_preference",
    };

    private static readonly HashSet<string> OpenSearchOnly = new(StringComparer.Ordinal)
    {
        "index.plugins.index_state_management.rollover_alias", "index.plugins.index_state_management.auto_manage",
    };

    // What serverless lets users set; everything else is managed by the platform.
    private static readonly HashSet<string> ServerlessPublic = new(StringComparer.Ordinal)
    {
        "index.refresh_interval", "index.hidden", "index.max_result_window", "index.mapping.total_fields.limit",
        "index.mapping.depth.limit", "index.mapping.nested_fields.limit", "index.query.default_field",
        "index.max_inner_result_window", "index.codec",
    };

    // Real settings that would change which documents are accepted; the fake does not model them.
    private static readonly string[] UnmodelledPrefixes =
    [
        "index.default_pipeline", "index.final_pipeline", "index.mapping.ignore_malformed", "index.mapping.coerce",
        "index.mode", "index.blocks.", "index.analysis.", "index.sort.", "index.mapping.source.mode",
    ];

    // Set by the server itself; Elasticsearch refuses them in requests.
    private static readonly HashSet<string> Private = new(StringComparer.Ordinal)
    {
        "index.uuid", "index.creation_date", "index.provided_name", "index.version.created", "index.version.upgraded",
    };

    /// <summary>Throws Elasticsearch's 400 for the first problem, in its order.</summary>
    public static void Validate(IndexSettings settings, ServerProfile profile)
    {
        CheckServerless(settings, profile);

        foreach (var key in settings.Keys)
        {
            if (Private.Contains(key))
            {
                throw new EsErrorException(EsErrors.IllegalArgument($"private index setting [{key}] can not be set explicitly"));
            }

            var known = Everywhere.Contains(key)
                || (profile.IsElasticsearch && ElasticsearchOnly.Contains(key))
                || (profile.IsOpenSearch && OpenSearchOnly.Contains(key));
            if (!known)
            {
                if (UnmodelledPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)) && !IsDefault(key, settings.Get(key)))
                {
                    throw new EsErrorException(EsErrors.Unsupported($"the index setting [{key}]"));
                }

                if (!UnmodelledPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)))
                {
                    throw new EsErrorException(EsErrors.IllegalArgument(
                        $"unknown setting [{key}] please check that any required plugins are installed, or check the breaking changes documentation for removed settings"));
                }
            }

            if (settings.Get(key) is { } value && ValueProblem(key, value, profile) is { } problem)
            {
                throw new EsErrorException(problem);
            }
        }
    }

    /// <summary>
    /// Serverless refuses settings it manages itself (shards, replicas, lifecycle, ...) in an action filter, before
    /// any other check of the request.
    /// </summary>
    public static void CheckServerless(IndexSettings settings, ServerProfile profile)
    {
        if (!profile.IsServerless)
        {
            return;
        }

        var managed = settings.Keys.Where(k => !ServerlessPublic.Contains(k)).ToList();
        if (managed.Count > 0)
        {
            throw new EsErrorException(EsErrors.IllegalArgument(
                $"Settings [{string.Join(",", managed)}] are not available when running in serverless mode"));
        }
    }

    private static bool IsDefault(string key, string? value) => (key, value) switch
    {
        ("index.default_pipeline" or "index.final_pipeline", "_none") => true,
        ("index.mapping.ignore_malformed", "false") => true,
        ("index.mapping.coerce", "true") => true,
        ("index.mode", "standard") => true,
        _ => false,
    };

    private static EsError? ValueProblem(string key, string value, ServerProfile profile)
    {
        switch (key)
        {
            case "index.number_of_shards":
                return IntegerProblem(key, value, 1, 1024);
            case "index.number_of_replicas" or "index.priority" or "index.routing.allocation.total_shards_per_node":
                return IntegerProblem(key, value, key == "index.routing.allocation.total_shards_per_node" ? -1 : 0, int.MaxValue);
            case "index.max_result_window" or "index.max_inner_result_window" or "index.mapping.total_fields.limit"
                or "index.mapping.depth.limit" or "index.mapping.nested_fields.limit" or "index.number_of_routing_shards":
                return IntegerProblem(key, value, key == "index.mapping.depth.limit" ? 1 : 0, int.MaxValue);
            case "index.hidden" or "index.lifecycle.parse_origination_date" or "index.lifecycle.indexing_complete"
                or "index.plugins.index_state_management.auto_manage":
                return value is "true" or "false"
                    ? null
                    : EsErrors.IllegalArgument($"Failed to parse value [{value}] as only [true] or [false] are allowed.");
            case "index.refresh_interval":
                if (TimeValues.Problem(key, value) is { } problem)
                {
                    return EsErrors.IllegalArgument(problem);
                }

                // Serverless refreshes at most every five seconds.
                return profile.IsServerless && value.Trim() != "-1" && TimeValues.Parse(value) is { } interval && interval < TimeSpan.FromSeconds(5)
                    ? EsErrors.IllegalArgument($"failed to parse value [{value}] for setting [{key}], must be >= [5s]")
                    : null;
            case "index.codec":
                string[] codecs = profile.IsOpenSearch
                    ? ["default", "best_compression", "lucene_default", "zstd", "zstd_no_dict"]
                    : ["default", "best_compression", "legacy_default", "legacy_best_compression", "lucene_default"];
                return codecs.Contains(value)
                    ? null
                    : EsErrors.IllegalArgument($"unknown value for [index.codec] must be one of [{string.Join(", ", codecs)}] but was: {value}");
            case "index.auto_expand_replicas":
                return value == "false" || System.Text.RegularExpressions.Regex.IsMatch(value, @"^\d+-(\d+|all)$")
                    ? null
                    : EsErrors.IllegalArgument($"failed to parse [index.auto_expand_replicas] from value: [{value}] at index -1");
            default:
                return null;
        }
    }

    private static EsError? IntegerProblem(string key, string value, long min, long max)
    {
        if (!int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return new EsError(400, "illegal_argument_exception", $"Failed to parse value [{value}] for setting [{key}]")
            {
                CausedBy = EsErrors.Cause("number_format_exception", $"For input string: \"{value}\""),
            };
        }

        if (number < min)
        {
            return EsErrors.IllegalArgument($"Failed to parse value [{value}] for setting [{key}] must be >= {min}");
        }

        return number > max ? EsErrors.IllegalArgument($"Failed to parse value [{value}] for setting [{key}] must be <= {max}") : null;
    }
}
