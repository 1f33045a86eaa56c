using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// <c>_index_template</c> (composable) and <c>_template</c> (legacy): put, get, exists, delete, and simulating what a
/// new index would get. Checks run in Elasticsearch's order (MetadataIndexTemplateService) with its messages.
/// </summary>
internal sealed class TemplateHandler(FakeCluster cluster)
{
    private ServerProfile Profile => cluster.Profile;

    public EsResponse PutComposable(EsRequest request, string name)
    {
        var template = TemplateParser.ParseComposable(name, request, Profile);
        var warnings = Validate(template, request.Flag("create"));
        var existing = cluster.Templates.GetValueOrDefault(name);
        cluster.Templates[name] = new ComposableTemplate
        {
            Name = template.Name,
            Patterns = template.Patterns,
            Priority = template.Priority,
            Version = template.Version,
            Meta = template.Meta,
            DataStream = template.DataStream,
            ComposedOf = template.ComposedOf,
            AllowAutoCreate = template.AllowAutoCreate,
            IgnoreMissingComponentTemplates = template.IgnoreMissingComponentTemplates,
            HasTemplate = template.HasTemplate,
            Settings = template.Settings,
            Mappings = template.Mappings,
            Aliases = template.Aliases,
            Lifecycle = template.Lifecycle,
            CreatedAt = existing?.CreatedAt ?? DateTimeOffset.UtcNow,
            ModifiedAt = DateTimeOffset.UtcNow,
        };
        return WithWarnings(EsResponse.Ok(new JsonObject { ["acknowledged"] = true }), warnings);
    }

    public EsResponse GetComposable(EsRequest request, string? name)
    {
        List<ComposableTemplate> found;
        if (name is null)
        {
            found = [.. cluster.Templates.Values];
        }
        else if (Wildcard.IsPattern(name))
        {
            found = cluster.Templates.Values.Where(t => Wildcard.Matches(name, t.Name)).ToList();
        }
        else if (cluster.Templates.TryGetValue(name, out var template))
        {
            found = [template];
        }
        else
        {
            if (request.Method == "HEAD")
            {
                return EsResponse.Empty(404);
            }

            throw new EsErrorException(new EsError(404, "resource_not_found_exception", $"index template matching [{name}] not found"));
        }

        // An explicit pattern that matches nothing is a 404 with the (empty) list.
        var status = found.Count == 0 && name is not null ? 404 : 200;
        if (request.Method == "HEAD")
        {
            return EsResponse.Empty(status);
        }

        var flat = request.Flag("flat_settings");
        var list = new JsonArray(found.Select(t => (JsonNode?)new JsonObject
        {
            ["name"] = t.Name,
            ["index_template"] = t.ToJson(Profile, flat),
        }).ToArray());
        return EsResponse.Ok(new JsonObject { ["index_templates"] = list }, status);
    }

    public EsResponse DeleteComposable(string name)
    {
        var names = name.Split(',');
        List<string> matched;
        if (names.Length > 1)
        {
            var missing = names.Where(n => !cluster.Templates.ContainsKey(n)).ToList();
            if (missing.Count > 0)
            {
                throw new EsErrorException(TemplateMissing(string.Join(",", missing)));
            }

            matched = [.. names];
        }
        else
        {
            matched = cluster.Templates.Keys.Where(t => Wildcard.Matches(name, t)).ToList();
            if (matched.Count == 0)
            {
                return name == "*" ? Acknowledged() : throw new EsErrorException(TemplateMissing(name));
            }
        }

        // A data stream needs a data stream template that matches it; Elasticsearch keeps the last one.
        var orphaned = cluster.Indices
            .Where(i => i.IsDataStream && matched.Any(t => cluster.Templates[t].Matches(i.Name)))
            .Where(i => !cluster.Templates.Values.Any(t => !matched.Contains(t.Name) && t.IsDataStream && t.Matches(i.Name)))
            .Select(i => i.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (orphaned.Count > 0)
        {
            throw new EsErrorException(EsErrors.IllegalArgument(
                $"unable to remove composable templates {JavaList(matched.Order(StringComparer.Ordinal))} as they are in use by a data streams {JavaList(orphaned)}"));
        }

        matched.ForEach(t => cluster.Templates.Remove(t));
        return Acknowledged();
    }

    /// <summary><c>POST _index_template/_simulate_index/{index}</c>: what a new index of that name would get.</summary>
    public EsResponse SimulateIndex(EsRequest request, string index)
    {
        var template = cluster.MatchingTemplate(index);
        if (template is null)
        {
            return EsResponse.Ok(new JsonObject());
        }

        var overlapping = cluster.Templates.Values
            .Where(t => t.Name != template.Name && t.Matches(index))
            .Select(t => (t.Name, t.Patterns))
            .Concat(cluster.LegacyTemplates.Values.Where(t => t.Matches(index)).Select(t => (t.Name, t.Patterns)));
        return EsResponse.Ok(Simulation(cluster.Resolve(index, template), overlapping, request.Flag("flat_settings")));
    }

    /// <summary><c>POST _index_template/_simulate[/{name}]</c>: a stored template, or one in the body, resolved on its own.</summary>
    public EsResponse Simulate(EsRequest request, string? name)
    {
        ComposableTemplate template;
        if (request.Body.Length > 0)
        {
            template = TemplateParser.ParseComposable(name ?? "simulate_template_" + RandomIds.Uuid().ToLowerInvariant(), request, Profile);
            Validate(template, request.Flag("create"));
        }
        else if (name is null)
        {
            throw new EsErrorException(EsErrors.Validation(["either index name or index template body must be specified for simulation"]));
        }
        else
        {
            template = cluster.Templates.GetValueOrDefault(name)
                ?? throw new EsErrorException(EsErrors.IllegalArgument($"unable to simulate template [{name}] that does not exist"));
        }

        // Every template whose patterns could meet this one's, whatever its priority.
        var overlapping = cluster.Templates.Values
            .Where(t => t.Name != template.Name && t.Patterns.Any(p => template.Patterns.Any(q => Wildcard.Overlaps(p, q))))
            .Select(t => (t.Name, t.Patterns))
            .Concat(cluster.LegacyTemplates.Values
                .Where(t => t.Patterns.Any(p => template.Patterns.Any(q => Wildcard.Overlaps(p, q))))
                .Select(t => (t.Name, t.Patterns)));
        return EsResponse.Ok(Simulation(cluster.Resolve(template.Patterns[0], template), overlapping, request.Flag("flat_settings")));
    }

    public EsResponse PutLegacy(EsRequest request, string name)
    {
        var template = TemplateParser.ParseLegacy(name, request);
        if (request.Flag("create") && cluster.LegacyTemplates.ContainsKey(name))
        {
            throw new EsErrorException(EsErrors.IllegalArgument($"index_template [{name}] already exists"));
        }

        var errors = NameErrors(name, template.Patterns);
        if (errors.Count > 0)
        {
            throw new EsErrorException(InvalidTemplate(name, EsErrors.Validation(errors).Reason));
        }

        SettingsValidator.Validate(template.Settings, Profile);
        IndexHandler.ValidateMappings(template.Mappings, Profile);
        AliasDefinitions.Validate(template.Aliases);

        var warnings = new List<string>();
        if (Profile.IsElasticsearch && Profile.AtLeast(8, 0))
        {
            warnings.Add("Legacy index templates are deprecated in favor of composable templates.");
        }

        var composable = Overlapping(cluster.Templates.Values, template.Patterns, name);
        if (composable.Count > 0 && Profile.HasComposableTemplates)
        {
            warnings.Add($"legacy template [{name}] has index patterns {JavaList(template.Patterns)} matching patterns from existing composable templates " +
                $"[{string.Join(",", composable.Keys)}] with patterns ({Describe(composable)}); this template [{name}] may be ignored in favor of a composable template at index creation time");
        }

        cluster.LegacyTemplates[name] = template;
        return WithWarnings(Acknowledged(), warnings);
    }

    public EsResponse GetLegacy(EsRequest request, string? names)
    {
        var found = names is null
            ? cluster.LegacyTemplates.Values.ToList()
            : cluster.LegacyTemplates.Values
                .Where(t => names.Split(',').Any(n => Wildcard.IsPattern(n) ? Wildcard.Matches(n, t.Name) : n == t.Name))
                .ToList();

        // Legacy GET answers a bare {} with 404 when names were asked for and none exist.
        var status = found.Count == 0 && names is not null ? 404 : 200;
        if (request.Method == "HEAD")
        {
            return EsResponse.Empty(status);
        }

        var result = new JsonObject();
        foreach (var template in found)
        {
            result[template.Name] = template.ToJson(request.Flag("flat_settings"));
        }

        return EsResponse.Ok(result, status);
    }

    public EsResponse DeleteLegacy(string name)
    {
        var matched = cluster.LegacyTemplates.Keys.Where(t => Wildcard.Matches(name, t)).ToList();
        if (matched.Count == 0 && name != "*")
        {
            throw new EsErrorException(TemplateMissing(name));
        }

        matched.ForEach(t => cluster.LegacyTemplates.Remove(t));
        return Acknowledged();
    }

    // addIndexTemplateV2 and what runs before it, in order; returns the warnings to send with the answer.
    private List<string> Validate(ComposableTemplate template, bool create)
    {
        var name = template.Name;
        var requestErrors = new List<string>();
        if (template.Patterns.Any(p => p == "*") && template.Settings?.Contains("index.hidden") == true)
        {
            requestErrors.Add("global composable templates may not specify the setting index.hidden");
        }

        if (template.Priority < 0)
        {
            requestErrors.Add("index template priority must be >= 0");
        }

        if (requestErrors.Count > 0)
        {
            throw new EsErrorException(EsErrors.Validation(requestErrors));
        }

        if (template.Settings is not null)
        {
            SettingsValidator.CheckServerless(template.Settings, Profile);
        }

        var ignored = template.IgnoreMissingComponentTemplates ?? [];
        var missingComponents = (template.ComposedOf ?? []).Where(c => !ignored.Contains(c)).ToList();
        if (missingComponents.Count > 0)
        {
            // The fake keeps no component templates, so any reference is to one that does not exist.
            throw new EsErrorException(InvalidTemplate(name, $"index template [{name}] specifies component templates {JavaList(missingComponents)} that do not exist"));
        }

        if (create && cluster.Templates.ContainsKey(name))
        {
            throw new EsErrorException(EsErrors.IllegalArgument($"index template [{name}] already exists"));
        }

        var samePriority = Overlapping(cluster.Templates.Values.Where(t => t.PriorityOrZero == template.PriorityOrZero), template.Patterns, name);
        if (samePriority.Count > 0)
        {
            throw new EsErrorException(EsErrors.IllegalArgument(
                $"index template [{name}] has index patterns {JavaList(template.Patterns)} matching patterns from existing templates " +
                $"[{string.Join(",", samePriority.Keys)}] with patterns ({Describe(samePriority)}) that have the same priority " +
                $"[{template.PriorityOrZero}], multiple index templates may not match during index creation, please use a different priority"));
        }

        var warnings = new List<string>();
        var legacy = Overlapping(cluster.LegacyTemplates.Values, template.Patterns, name);
        if (legacy.Count > 0)
        {
            warnings.Add($"index template [{name}] has index patterns {JavaList(template.Patterns)} matching patterns from existing older templates " +
                $"[{string.Join(",", legacy.Keys)}] with patterns ({Describe(legacy)}); this template [{name}] will take precedence during new index creation");
        }

        var errors = NameErrors(name, template.Patterns);
        if (errors.Count > 0)
        {
            throw new EsErrorException(InvalidTemplate(name, EsErrors.Validation(errors).Reason));
        }

        if (template.Settings is not null)
        {
            SettingsValidator.Validate(template.Settings, Profile);
        }

        if (template.Aliases is not null)
        {
            AliasDefinitions.Validate(template.Aliases);
        }

        CheckDataStreamsStillMatched(template);
        if (template.Lifecycle is not null && !template.IsDataStream)
        {
            throw new EsErrorException(EsErrors.IllegalArgument(
                $"index template [{name}] specifies lifecycle configuration that can only be used in combination with a data stream"));
        }

        CheckComposition(template);
        return warnings;
    }

    // A data stream that the new template would leave without a data stream template is refused.
    private void CheckDataStreamsStillMatched(ComposableTemplate template)
    {
        var after = cluster.Templates.Values.Where(t => t.Name != template.Name).Append(template).ToList();
        var orphaned = cluster.Indices
            .Where(i => i.IsDataStream)
            .Where(i => after.Where(t => t.Matches(i.Name)).OrderByDescending(t => t.PriorityOrZero).FirstOrDefault() is not { IsDataStream: true })
            .Select(i => i.Name)
            .ToList();
        if (orphaned.Count > 0)
        {
            throw new EsErrorException(EsErrors.IllegalArgument(
                $"composable template [{template.Name}] with index patterns {JavaList(template.Patterns)}, priority [{template.Priority?.ToString() ?? "null"}] " +
                $"{(template.IsDataStream ? string.Empty : "and no data stream configuration ")}would cause data streams {JavaList(orphaned)} to no longer match a data stream template"));
        }
    }

    // The settings, mappings and aliases must make a valid index; a mapping problem comes wrapped twice.
    private void CheckComposition(ComposableTemplate template)
    {
        var name = template.Name;
        EsError Wrap(EsError cause) =>
            new(400, "illegal_argument_exception", $"composable template [{name}] template after composition is invalid")
            {
                FromElasticsearch = false,
                CausedBy = new EsError(400, "illegal_argument_exception", $"invalid composite mappings for [{name}]")
                {
                    FromElasticsearch = false,
                    CausedBy = cause,
                },
            };

        IndexMapping mapping;
        try
        {
            mapping = IndexMapping.FromJson(template.Mappings ?? []);
        }
        catch (EsErrorException exception) when (!exception.Error.Reason.StartsWith("FakeElasticsearch", StringComparison.Ordinal))
        {
            var prefix = Profile.IsOpenSearch || (Profile.IsElasticsearch && !Profile.AtLeast(8, 0)) ? "Failed to parse mapping [_doc]: " : "Failed to parse mapping: ";
            throw new EsErrorException(Wrap(new EsError(400, "mapper_parsing_exception", prefix + exception.Error.Reason) { CausedBy = exception.Error }));
        }

        if (template.IsDataStream && mapping.Get("@timestamp") is { } timestamp && timestamp.TypeName is not ("date" or "date_nanos"))
        {
            var reason = timestamp.Type is FieldType.Alias or FieldType.Object
                ? "data stream timestamp field [@timestamp] does not exist"
                : $"data stream timestamp field [@timestamp] is of type [{timestamp.TypeName}], but [date,date_nanos] is expected";
            throw new EsErrorException(Wrap(EsErrors.Cause("illegal_argument_exception", reason)));
        }
    }

    private JsonObject Simulation(ResolvedIndex resolved, IEnumerable<(string Name, IReadOnlyList<string> Patterns)> overlapping, bool flat)
    {
        var template = new JsonObject
        {
            ["settings"] = resolved.Settings.ToJson(flat),
            ["mappings"] = resolved.Mapping.ToJson(),
            ["aliases"] = AliasDefinitions.ToJson(resolved.Aliases),
        };
        var list = new JsonArray(overlapping
            .OrderBy(o => o.Name, StringComparer.Ordinal)
            .Select(o => (JsonNode?)new JsonObject { ["name"] = o.Name, ["index_patterns"] = ComposableTemplate.Strings(o.Patterns) })
            .ToArray());
        return new JsonObject { ["template"] = template, ["overlapping"] = list };
    }

    // Templates (other than the named one) whose patterns meet the given ones, sorted by name as Elasticsearch's TreeMap.
    private static SortedDictionary<string, IReadOnlyList<string>> Overlapping<T>(IEnumerable<T> templates, IReadOnlyList<string> patterns, string name)
    {
        var result = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var template in templates)
        {
            var (otherName, otherPatterns) = template switch
            {
                ComposableTemplate c => (c.Name, c.Patterns),
                LegacyTemplate l => (l.Name, l.Patterns),
                _ => throw new ArgumentException("not a template", nameof(templates)),
            };
            if (otherName != name && otherPatterns.Any(p => patterns.Any(q => Wildcard.Overlaps(p, q))))
            {
                result[otherName] = otherPatterns;
            }
        }

        return result;
    }

    // MetadataIndexTemplateService.validate: the template's name and patterns.
    private static List<string> NameErrors(string name, IEnumerable<string> patterns)
    {
        var errors = new List<string>();
        if (name.Contains(' '))
        {
            errors.Add("name must not contain a space");
        }

        if (name.Contains(','))
        {
            errors.Add("name must not contain a ','");
        }

        if (name.Contains('#'))
        {
            errors.Add("name must not contain a '#'");
        }

        if (name.Contains('*'))
        {
            errors.Add("name must not contain a '*'");
        }

        if (name.StartsWith('_'))
        {
            errors.Add("name must not start with '_'");
        }

        if (name.ToLowerInvariant() != name)
        {
            errors.Add("name must be lower cased");
        }

        foreach (var pattern in patterns)
        {
            if (pattern.Contains(' '))
            {
                errors.Add($"index_patterns [{pattern}] must not contain a space");
            }

            if (pattern.Contains(','))
            {
                errors.Add($"index_pattern [{pattern}] must not contain a ','");
            }

            if (pattern.Contains('#'))
            {
                errors.Add($"index_pattern [{pattern}] must not contain a '#'");
            }

            if (pattern.Contains(':'))
            {
                errors.Add($"index_pattern [{pattern}] must not contain a ':'");
            }

            if (pattern.StartsWith('_'))
            {
                errors.Add($"index_pattern [{pattern}] must not start with '_'");
            }

            if (pattern.IndexOfAny(['\\', '/', '?', '"', '<', '>', '|', ' ', ',']) >= 0)
            {
                errors.Add($"index_pattern [{pattern}] must not contain the following characters [ , \", *, \\, <, |, ,, >, /, ?]");
            }
        }

        return errors;
    }

    private static string Describe(SortedDictionary<string, IReadOnlyList<string>> templates) =>
        string.Join(",", templates.Select(t => $"{t.Key} => {JavaList(t.Value)}"));

    // Java's List.toString, which Elasticsearch's messages use.
    private static string JavaList(IEnumerable<string> values) => "[" + string.Join(", ", values) + "]";

    private static EsError InvalidTemplate(string name, string cause) =>
        new(400, "invalid_index_template_exception", $"index_template [{name}] invalid, cause [{cause}]");

    private static EsError TemplateMissing(string name) =>
        new(404, "index_template_missing_exception", $"index_template [{name}] missing");

    private static EsResponse Acknowledged() => EsResponse.Ok(new JsonObject { ["acknowledged"] = true });

    private EsResponse WithWarnings(EsResponse response, IEnumerable<string> warnings)
    {
        response.Headers.AddRange(warnings.Select(Profile.Warning));
        return response;
    }
}
