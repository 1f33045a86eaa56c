using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Runs parsed bulk operations against the cluster in request order and builds the <c>_bulk</c> answer.
/// Each item succeeds or fails on its own, as on a real cluster.
/// </summary>
internal sealed class BulkExecutor(
    FakeCluster cluster,
    Func<BulkItemContext, ItemError?>? faultRule,
    Func<BulkItemContext, ItemError?>? itemRule,
    bool forcedRefresh)
{
    public JsonObject Execute(IReadOnlyList<BulkOperation> operations)
    {
        var stopwatch = Stopwatch.StartNew();
        var items = new JsonArray();
        var errors = false;
        for (var position = 0; position < operations.Count; position++)
        {
            var operation = operations[position];
            var result = ExecuteOne(position, operation);
            errors |= result.ContainsKey("error");
            items.Add(new JsonObject { [operation.ResponseKey] = result });
        }

        return new JsonObject { ["took"] = stopwatch.ElapsedMilliseconds, ["errors"] = errors, ["items"] = items };
    }

    private JsonObject ExecuteOne(int position, BulkOperation operation)
    {
        var name = operation.Index!;
        if (IndexNames.Problem(name) is { } problem)
        {
            return Failure(name, operation.Id, EsErrors.InvalidIndexName(name, problem));
        }

        var target = cluster.Find(name);
        var dataStream = target?.IsDataStream ?? cluster.CreatesDataStream(name);
        if (operation.RequireAlias)
        {
            return Failure(name, operation.Id, new EsError(404, "index_not_found_exception",
                $"no such index [{name}] and [require_alias] request flag is [true] and [{name}] is not an alias")
                .With("index_uuid", "_na_").With("index", name));
        }

        if (dataStream && !operation.IsCreate)
        {
            return Failure(name, operation.Id, EsErrors.IllegalArgument("only write ops with an op_type of create are allowed in data streams"));
        }

        if (operation.Pipeline is { } pipeline && pipeline != "_none")
        {
            return Failure(name, operation.Id, EsErrors.IllegalArgument($"pipeline with id [{pipeline}] does not exist"));
        }

        if (operation.Action == "delete")
        {
            // Deletes never create the index they target.
            if (target is null)
            {
                return Failure(name, operation.Id, EsErrors.IndexNotFound(name));
            }

            return InjectedError(position, operation, name, operation.Id!, target) is { } rejected
                ? Failure(target.ConcreteName, operation.Id, rejected)
                : Delete(target, operation);
        }

        if (operation.Id is "")
        {
            return Failure(name, operation.Id, EsErrors.IllegalArgument("if _id is specified it must not be empty"));
        }

        // Elasticsearch creates missing indices before any item runs, so a failing item still leaves its index behind.
        target ??= cluster.Create(name);
        var id = operation.Id ?? RandomIds.DocumentId();
        if (InjectedError(position, operation, name, id, target) is { } injected)
        {
            return Failure(target.ConcreteName, id, injected);
        }

        try
        {
            return operation.Action == "update" ? Update(target, operation, id) : Index(target, operation, id);
        }
        catch (EsErrorException exception) when (exception.Error is not null)
        {
            return Failure(target.ConcreteName, id, exception.Error);
        }
    }

    private EsError? InjectedError(int position, BulkOperation operation, string name, string id, FakeIndex target)
    {
        if (faultRule is null && itemRule is null)
        {
            return null;
        }

        // A delete has no document; one that is not JSON fails in the document parser, so rules only see parseable ones.
        var document = default(JsonElement);
        if (operation.Action != "delete")
        {
            try
            {
                using var parsed = JsonDocument.Parse(
                    operation.Update?.Body ?? operation.Source, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
                document = parsed.RootElement.Clone();
            }
            catch (JsonException)
            {
                return null;
            }
        }

        var context = new BulkItemContext(position, operation.Action, name, operation.Id, document);
        var error = faultRule?.Invoke(context) ?? itemRule?.Invoke(context);
        return error is null ? null : ToEsError(error, id, target);
    }

    private JsonObject Index(FakeIndex target, BulkOperation operation, string id)
    {
        var added = DocumentParser.Parse(operation.Source, target.Mapping, id, operation.DynamicTemplates, target.IsDataStream);

        // Elasticsearch applies the mapping update before the engine checks versions.
        target.Mapping.AddAll(added);
        var existing = target.Documents.GetValueOrDefault(id);
        if (operation.IsCreate && existing is not null)
        {
            throw Conflict(target, $"[{id}]: version conflict, document already exists (current version [{existing.Version}])");
        }

        CheckVersion(target, operation, id, existing);
        var version = operation.VersionType == "internal" ? (existing?.Version ?? 0) + 1 : operation.Version!.Value;
        var source = Encoding.UTF8.GetString(operation.Source);
        return Store(target, id, source, version, existing is null ? "created" : "updated", existing is null ? 201 : 200);
    }

    private JsonObject Update(FakeIndex target, BulkOperation operation, string id)
    {
        var spec = operation.Update!;
        var existing = target.Documents.GetValueOrDefault(id);
        CheckVersion(target, operation, id, existing);
        if (existing is null)
        {
            var upsert = spec.DocAsUpsert ? spec.Doc : spec.Upsert;
            if (upsert is null)
            {
                throw new EsErrorException(ShardError(target, 404, "document_missing_exception", $"[{id}]: document missing"));
            }

            if (spec.ScriptedUpsert)
            {
                throw new EsErrorException(EsErrors.Unsupported("scripted upserts"));
            }

            return StoreValidated(target, id, upsert.ToJsonString(), 1, "created", 201);
        }

        if (spec.HasScript)
        {
            throw new EsErrorException(EsErrors.Unsupported("update scripts"));
        }

        var current = JsonNode.Parse(existing.SourceJson)!;
        var merged = Merge(current.DeepClone(), spec.Doc!);
        if (spec.DetectNoop && JsonNode.DeepEquals(current, merged))
        {
            return Result(target, id, existing.Version, "noop", existing.SeqNo, 200, shardsTotal: 0);
        }

        return StoreValidated(target, id, merged.ToJsonString(), existing.Version + 1, "updated", 200);
    }

    private JsonObject Delete(FakeIndex target, BulkOperation operation)
    {
        var id = operation.Id!;
        var existing = target.Documents.GetValueOrDefault(id);
        try
        {
            CheckVersion(target, operation, id, existing);
        }
        catch (EsErrorException exception) when (exception.Error is not null)
        {
            return Failure(target.ConcreteName, id, exception.Error);
        }

        // A delete of a missing document still takes a sequence number.
        var seqNo = target.NextSeqNo();
        if (existing is null)
        {
            return Result(target, id, 1, "not_found", seqNo, 404);
        }

        target.Documents.Remove(id);
        return Result(target, id, existing.Version + 1, "deleted", seqNo, 200);
    }

    private JsonObject StoreValidated(FakeIndex target, string id, string source, long version, string result, int status)
    {
        var bytes = Encoding.UTF8.GetBytes(source);
        target.Mapping.AddAll(DocumentParser.Parse(bytes, target.Mapping, id, new Dictionary<string, string>(), target.IsDataStream));
        return Store(target, id, source, version, result, status);
    }

    private JsonObject Store(FakeIndex target, string id, string source, long version, string result, int status)
    {
        var seqNo = target.NextSeqNo();
        if (target.Documents.TryGetValue(id, out var document))
        {
            document.SourceJson = source;
        }
        else
        {
            document = new IndexedDocument { Id = id, Order = cluster.NextOrder(), SourceJson = source };
            target.Documents[id] = document;
        }

        document.Version = version;
        document.SeqNo = seqNo;
        return Result(target, id, version, result, seqNo, status);
    }

    private void CheckVersion(FakeIndex target, BulkOperation operation, string id, IndexedDocument? existing)
    {
        if (operation.IfSeqNo is { } seqNo)
        {
            var term = operation.IfPrimaryTerm ?? 0;
            if (existing is null)
            {
                throw Conflict(target, $"[{id}]: version conflict, required seqNo [{seqNo}], primary term [{term}]. but no document was found");
            }

            if (existing.SeqNo != seqNo || term != 1)
            {
                throw Conflict(target,
                    $"[{id}]: version conflict, required seqNo [{seqNo}], primary term [{term}]. current document has seqNo [{existing.SeqNo}] and primary term [1]");
            }
        }

        if (operation.VersionType != "internal" && existing is not null && operation.Version is { } version)
        {
            var gte = operation.VersionType == "external_gte";
            if (gte ? version < existing.Version : version <= existing.Version)
            {
                throw Conflict(target,
                    $"[{id}]: version conflict, current version [{existing.Version}] is {(gte ? "higher than" : "higher or equal to")} the one provided [{version}]");
            }
        }
    }

    private JsonObject Result(FakeIndex target, string id, long version, string result, long seqNo, int status, int shardsTotal = 2)
    {
        var item = new JsonObject
        {
            ["_index"] = target.ConcreteName,
            ["_id"] = id,
            ["_version"] = version,
            ["result"] = result,
            ["_shards"] = new JsonObject
            {
                ["total"] = shardsTotal,
                ["successful"] = Math.Min(shardsTotal, 1),
                ["failed"] = 0,
            },
        };
        if (forcedRefresh && result != "noop")
        {
            item["forced_refresh"] = true;
        }

        item["_seq_no"] = seqNo;
        item["_primary_term"] = 1;
        item["status"] = status;
        return item;
    }

    private JsonObject Failure(string index, string? id, EsError error)
    {
        // Before 8.8 (and in OpenSearch) a document that does not fit is a mapper_parsing_exception, without a position.
        if (error.Type == "document_parsing_exception" && cluster.Profile.DocumentParsingType != error.Type)
        {
            var reason = System.Text.RegularExpressions.Regex.Replace(error.Reason, @"^\[\d+:\d+\] ", string.Empty);
            error = error.Renamed(cluster.Profile.DocumentParsingType, reason);
        }

        return new JsonObject
        {
            ["_index"] = index,
            ["_id"] = id,
            ["status"] = error.Status,
            ["error"] = error.ToXContent(),
        };
    }

    private static EsErrorException Conflict(FakeIndex target, string reason) =>
        new(ShardError(target, 409, "version_conflict_engine_exception", reason));

    // Failures raised on the shard name it.
    private static EsError ShardError(FakeIndex target, int status, string type, string reason) =>
        new EsError(status, type, reason)
            .With("index_uuid", target.Uuid)
            .With("shard", "0")
            .With("index", target.ConcreteName);

    private static EsError ToEsError(ItemError error, string id, FakeIndex target)
    {
        string Fill(string text) => text.Replace("{id}", id, StringComparison.Ordinal).Replace("{index}", target.ConcreteName, StringComparison.Ordinal);

        EsError Convert(ItemError e) => new(e.Status, e.Type, Fill(e.Reason)) { CausedBy = e.CausedBy is null ? null : Convert(e.CausedBy) };

        var result = Convert(error);
        return error.Type is "version_conflict_engine_exception" or "document_missing_exception"
            ? result.With("index_uuid", target.Uuid).With("shard", "0").With("index", target.ConcreteName)
            : result;
    }

    // An update's partial document merges into the source: objects recursively, everything else replaced.
    private static JsonNode Merge(JsonNode target, JsonObject partial)
    {
        if (target is not JsonObject targetObject)
        {
            return partial.DeepClone();
        }

        foreach (var (key, value) in partial)
        {
            targetObject[key] = value is JsonObject child && targetObject[key] is JsonObject existing
                ? Merge(existing.DeepClone(), child)
                : value?.DeepClone();
        }

        return targetObject;
    }
}
