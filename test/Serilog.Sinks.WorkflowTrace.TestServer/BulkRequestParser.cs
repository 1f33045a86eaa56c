using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Splits a bulk body into operations the way Elasticsearch's BulkRequestParser does: line by line, blank
/// action lines skipped, an action whose document line is missing at the end of the body dropped, document
/// lines of index and create kept as bytes (they are only parsed per item, so a broken one fails its item).
/// </summary>
internal static class BulkRequestParser
{
    private static readonly HashSet<string> Actions = new(StringComparer.Ordinal) { "create", "delete", "index", "update" };

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    public static List<BulkOperation> Parse(byte[] data, string? defaultIndex, string? defaultPipeline, bool defaultRequireAlias)
    {
        var operations = new List<BulkOperation>();
        var line = 0;
        var from = 0;
        while (true)
        {
            var next = NextMarker(data, from);
            if (next < 0)
            {
                break;
            }

            line++;
            var actionLine = data.AsSpan(from, next - from);
            from = next + 1;
            if (IsBlank(actionLine))
            {
                continue;
            }

            var operation = ParseActionLine(actionLine, line, defaultIndex, defaultPipeline, defaultRequireAlias);
            if (operation.Action == "delete")
            {
                if (operation.DynamicTemplates.Count > 0)
                {
                    throw Failure($"Delete request in line [{line}] does not accept dynamic_templates");
                }

                operations.Add(operation);
                continue;
            }

            next = NextMarker(data, from);
            if (next < 0)
            {
                break;
            }

            line++;
            var end = next > from && data[next - 1] == (byte)'\r' ? next - 1 : next;
            var source = data[from..end];
            if (operation.Action == "update")
            {
                if (operation.Version is not null || operation.VersionType != "internal")
                {
                    throw Failure("Update requests do not support versioning. Please use `if_seq_no` and `if_primary_term` instead");
                }

                if (operation.DynamicTemplates.Count > 0)
                {
                    throw Failure($"Update request in line [{line}] does not accept dynamic_templates");
                }

                operation.Update = UpdateSpec.Parse(source);
            }
            else
            {
                operation.Source = source;
            }

            operations.Add(operation);
            from = next + 1;
        }

        return operations;
    }

    /// <summary>BulkRequest.validate: problems with any item fail the whole request before anything runs.</summary>
    public static void Validate(IReadOnlyList<BulkOperation> operations)
    {
        var errors = new List<string>();
        if (operations.Count == 0)
        {
            errors.Add("no requests added");
        }

        foreach (var operation in operations)
        {
            if (operation.Index is null)
            {
                errors.Add("index is missing");
            }

            if (operation.Action is "index" or "create")
            {
                if (operation.Id is { } id && Encoding.UTF8.GetByteCount(id) > 512)
                {
                    errors.Add($"id [{id}] is too long, must be no longer than 512 bytes but was: {Encoding.UTF8.GetByteCount(id)}");
                }

                if (operation.IsCreate && operation.VersionType != "internal")
                {
                    errors.Add("create operations only support internal versioning. use index instead");
                }
                else if (operation.VersionType != "internal" && operation.Id is null)
                {
                    errors.Add("an id must be provided if version type or value are set");
                }
            }
            else if (operation.Id is null)
            {
                errors.Add("id is missing");
            }

            if (operation.Version is not null && operation.VersionType == "internal")
            {
                errors.Add("internal versioning can not be used for optimistic concurrency control. Please use `if_seq_no` and `if_primary_term` instead");
            }

            if ((operation.IfSeqNo is null) != (operation.IfPrimaryTerm is null))
            {
                errors.Add(operation.IfSeqNo is null
                    ? $"ifSeqNo is unassigned, but primary term is [{operation.IfPrimaryTerm}]"
                    : "ifSeqNo is set, but primary term is [0]");
            }

            errors.AddRange(operation.Update?.ValidationErrors() ?? []);
        }

        if (errors.Count > 0)
        {
            throw new EsErrorException(EsErrors.Validation(errors));
        }
    }

    private static BulkOperation ParseActionLine(
        ReadOnlySpan<byte> json, int line, string? defaultIndex, string? defaultPipeline, bool defaultRequireAlias)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Malformed(line, $"expected START_OBJECT but found [{TokenName(reader.TokenType)}]");
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                throw Malformed(line, $"expected FIELD_NAME but found [{TokenName(reader.TokenType)}]");
            }

            var action = reader.GetString()!;
            if (!Actions.Contains(action))
            {
                throw Malformed(line, $"expected one of [create, delete, index, update] but found [{action}]");
            }

            var operation = new BulkOperation
            {
                Action = action,
                Line = line,
                Index = defaultIndex,
                Pipeline = defaultPipeline,
                RequireAlias = defaultRequireAlias,
            };

            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                ReadParameters(ref reader, operation, line);
            }
            else if (reader.TokenType != JsonTokenType.EndObject)
            {
                throw Malformed(line, $"expected START_OBJECT or END_OBJECT but found [{TokenName(reader.TokenType)}]");
            }

            // Elasticsearch 9 refuses a second action in the same line instead of ignoring it.
            reader.Read();
            if (reader.TokenType != JsonTokenType.EndObject)
            {
                throw Malformed(line, $"expected END_OBJECT but found [{TokenName(reader.TokenType)}]");
            }

            // Anything after the closing brace makes the reader throw.
            reader.Read();
            return operation;
        }
        catch (JsonException exception)
        {
            throw new EsErrorException(EsErrors.XContentParse(exception));
        }
    }

    private static void ReadParameters(ref Utf8JsonReader reader, BulkOperation operation, int line)
    {
        string? field = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    field = reader.GetString();
                    break;
                case JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                    var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);
                    ApplyParameter(operation, field!, text, line);
                    break;
                case JsonTokenType.StartObject when field == "dynamic_templates":
                    operation.DynamicTemplates = JsonSerializer.Deserialize<Dictionary<string, string>>(ref reader) ?? [];
                    break;
                case JsonTokenType.StartObject when field == "_source":
                    reader.Skip();
                    break;
                case JsonTokenType.Null:
                    break;
                default:
                    throw Malformed(line, $"expected a simple value for field [{field}] but found [{TokenName(reader.TokenType)}]");
            }
        }
    }

    private static void ApplyParameter(BulkOperation operation, string field, string text, int line)
    {
        switch (field)
        {
            case "_index":
                operation.Index = text;
                break;
            case "_id":
                operation.Id = text;
                break;
            case "op_type":
                operation.OpType = text is "create" or "index"
                    ? text
                    : throw Failure($"opType must be 'create' or 'index', found: [{text}]");
                break;
            case "version":
                operation.Version = Long(text);
                break;
            case "version_type":
                operation.VersionType = text is "internal" or "external" or "external_gte"
                    ? text
                    : throw Failure($"No version type match [{text}]");
                break;
            case "if_seq_no":
                operation.IfSeqNo = Long(text);
                break;
            case "if_primary_term":
                operation.IfPrimaryTerm = Long(text);
                break;
            case "pipeline":
                operation.Pipeline = text;
                break;
            case "require_alias":
                operation.RequireAlias = text == "true" || (text == "false" ? false : throw Failure(
                    $"Failed to parse value [{text}] as only [true] or [false] are allowed."));
                break;
            case "routing" or "retry_on_conflict" or "_source" or "require_data_stream" or "list_executed_pipelines":
                break;
            default:
                throw Failure($"Action/metadata line [{line}] contains an unknown parameter [{field}]");
        }
    }

    private static long Long(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Failure($"For input string: \"{text}\"");

    private static int NextMarker(byte[] data, int from)
    {
        var index = Array.IndexOf(data, (byte)'\n', from);
        if (index < 0 && from != data.Length)
        {
            throw Failure("The bulk request must be terminated by a newline [\\n]");
        }

        return index;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    private static string TokenName(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "START_OBJECT",
        JsonTokenType.EndObject => "END_OBJECT",
        JsonTokenType.StartArray => "START_ARRAY",
        JsonTokenType.EndArray => "END_ARRAY",
        JsonTokenType.PropertyName => "FIELD_NAME",
        JsonTokenType.String => "VALUE_STRING",
        JsonTokenType.Number => "VALUE_NUMBER",
        JsonTokenType.True or JsonTokenType.False => "VALUE_BOOLEAN",
        JsonTokenType.Null => "VALUE_NULL",
        _ => "null",
    };

    private static EsErrorException Malformed(int line, string detail) =>
        Failure($"Malformed action/metadata line [{line}], {detail}");

    private static EsErrorException Failure(string reason) => new(EsErrors.IllegalArgument(reason));
}
