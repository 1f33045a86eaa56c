using System.Text;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Checks a document the way Elasticsearch's document parser would and works out the dynamic mapping
/// updates it brings. A failure throws <see cref="EsErrorException"/> carrying the item's error; the
/// mapping is only changed by the caller, and only for documents that pass.
/// </summary>
internal sealed class DocumentParser
{
    private const int MappingDepthLimit = 20;

    private static readonly HashSet<string> MetadataFields = new(StringComparer.Ordinal)
    {
        "_id", "_index", "_source", "_routing", "_version", "_seq_no", "_primary_term", "_ignored",
        "_ignored_source", "_tier", "_field_names", "_nested_path", "_data_stream_timestamp", "_tsid", "_ts_routing_hash",
    };

    // Elasticsearch's JSON parser accepts comments; nesting is bounded by the mapping depth limit long before this.
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 1000 };

    private readonly byte[] _source;
    private readonly IndexMapping _mapping;
    private readonly string _id;
    private readonly IReadOnlyDictionary<string, string> _dynamicTemplates;
    private readonly Dictionary<string, FieldMapping> _added = new(StringComparer.Ordinal);
    private bool _sawTimestamp;

    private DocumentParser(byte[] source, IndexMapping mapping, string id, IReadOnlyDictionary<string, string> dynamicTemplates)
    {
        _source = source;
        _mapping = mapping;
        _id = id;
        _dynamicTemplates = dynamicTemplates;
    }

    /// <summary>Validates <paramref name="source"/>; returns the fields it adds to the mapping.</summary>
    public static IReadOnlyDictionary<string, FieldMapping> Parse(
        byte[] source, IndexMapping mapping, string id, IReadOnlyDictionary<string, string> dynamicTemplates, bool dataStream)
    {
        var parser = new DocumentParser(source, mapping, id, dynamicTemplates);
        parser.ParseDocument();
        if (dataStream && !parser._sawTimestamp)
        {
            throw parser.Wrapped(source.Length, EsErrors.IllegalArgument("data stream timestamp field [@timestamp] is missing"));
        }

        return parser._added;
    }

    private void ParseDocument()
    {
        if (_source.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            throw new EsErrorException(new EsError(400, "document_parsing_exception", "failed to parse, document is empty"));
        }

        var reader = new Utf8JsonReader(_source, ReaderOptions);
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Failure(reader.TokenStartIndex, "Malformed content, must start with an object");
            }

            ParseObject(ref reader, string.Empty, mapped: true);

            // Utf8JsonReader throws on anything but whitespace after the root object.
            reader.Read();
        }
        catch (JsonException exception)
        {
            var column = (exception.BytePositionInLine ?? 0) + 1;
            var cause = EsErrors.XContentParse(exception);
            throw new EsErrorException(new EsError(400, "document_parsing_exception",
                $"[1:{column}] failed to parse: {EsErrors.JsonMessage(exception)}") { CausedBy = cause });
        }
    }

    private void ParseObject(ref Utf8JsonReader reader, string objectPath, bool mapped)
    {
        // Elasticsearch enables Jackson's strict duplicate detection, per object.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            var namePosition = reader.TokenStartIndex;
            if (!seen.Add(name))
            {
                throw Duplicate(name, namePosition);
            }

            reader.Read();
            var position = reader.TokenStartIndex;
            var parts = SplitAndValidate(name, objectPath, position);
            if (objectPath.Length == 0)
            {
                if (MetadataFields.Contains(parts[0]))
                {
                    throw Failure(position,
                        $"Field [{parts[0]}] is a metadata field and cannot be added inside a document. Use the index API request parameters.");
                }

                _sawTimestamp |= name == "@timestamp" && reader.TokenType != JsonTokenType.Null;
            }

            // A dotted name such as "a.b" stands for objects: every part but the last must be (or become) one.
            var path = objectPath;
            var fieldMapped = mapped;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                path = Join(path, parts[i]);
                fieldMapped = EnsureObject(path, parts[i], position, fieldMapped, dottedField: Join(objectPath, name));
            }

            ParseValue(ref reader, Join(path, parts[^1]), parts[^1], fieldMapped);
        }
    }

    private void ParseValue(ref Utf8JsonReader reader, string path, string leaf, bool mapped)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var position = reader.TokenStartIndex;
                if (mapped && Lookup(path) is { Type: FieldType.Alias })
                {
                    throw AliasWrite(path, position);
                }

                if (mapped && Lookup(path) is { Type: not FieldType.Object } concrete)
                {
                    var cause = EsErrors.Cause("illegal_state_exception", $"Can't get text on a START_OBJECT at 1:{Column(position)}");
                    throw FieldFailure(path, concrete, position, Preview(JsonElement.ParseValue(ref reader)), cause);
                }

                ParseObject(ref reader, path, EnsureObject(path, leaf, position, mapped, dottedField: null));
                break;
            case JsonTokenType.StartArray:
                // Arrays are transparent to the mapping: every element is a value of the same field.
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    ParseValue(ref reader, path, leaf, mapped);
                }

                break;
            case JsonTokenType.Null:
                // Even a null goes through the field's mapper, and an alias has none to write with.
                if (mapped && Lookup(path) is { Type: FieldType.Alias })
                {
                    throw AliasWrite(path, reader.TokenStartIndex);
                }

                break;
            default:
                ParseScalar(ref reader, path, leaf, mapped);
                break;
        }
    }

    private void ParseScalar(ref Utf8JsonReader reader, string path, string leaf, bool mapped)
    {
        if (!mapped)
        {
            return;
        }

        var position = reader.TokenStartIndex;
        var existing = Lookup(path);
        if (existing is null)
        {
            if (MayAdd(path, leaf, position))
            {
                _added[path] = DynamicMappingOf(ref reader, _mapping.DateDetection);
            }

            return;
        }

        if (existing.Type == FieldType.Object)
        {
            throw Failure(position, $"object mapping for [{path}] tried to parse field [{leaf}] as object, but found a concrete value");
        }

        if (existing.Type == FieldType.Alias)
        {
            throw AliasWrite(path, position);
        }

        if (FieldValues.Rejection(existing, ref reader) is { } rejection)
        {
            throw FieldFailure(path, existing, position, ScalarText(ref reader), rejection);
        }

        // Lucene refuses the whole document when one keyword term is too long; Elasticsearch does not wrap the error.
        if (existing.Type == FieldType.Keyword && ImmenseTerms.Rejection(existing, path, ScalarText(ref reader)) is { } immense)
        {
            throw new EsErrorException(immense);
        }
    }

    /// <summary>Makes sure <paramref name="path"/> is an object; returns whether its content is mapped.</summary>
    private bool EnsureObject(string path, string leaf, long position, bool mapped, string? dottedField)
    {
        if (!mapped)
        {
            return false;
        }

        var existing = Lookup(path);
        if (existing is null)
        {
            if (!MayAdd(path, leaf, position))
            {
                return false;
            }

            // Elasticsearch counts the root as depth 1: an object at "a.b" is at depth 3.
            if (path.Count(c => c == '.') + 2 > MappingDepthLimit)
            {
                throw Wrapped(position, EsErrors.IllegalArgument(
                    $"Limit of mapping depth [{MappingDepthLimit}] has been exceeded due to object field [{path}]"));
            }

            _added[path] = FieldMapping.Object();
            return true;
        }

        if (existing.Type == FieldType.Object)
        {
            // An object with enabled:false keeps its content in _source without parsing it.
            return existing.Enabled;
        }

        throw Failure(position,
            $"Could not dynamically add mapping for field [{dottedField}]. Existing mapping for [{path}] must be of type object but found [{existing.TypeName}].");
    }

    /// <summary>Whether an unmapped field may be added: strict objects refuse, dynamic:false ones ignore it.</summary>
    private bool MayAdd(string path, string leaf, long position)
    {
        var parent = IndexMapping.Parent(path);
        switch (_mapping.DynamicFor(parent))
        {
            case "strict":
                throw new EsErrorException(new EsError(400, "strict_dynamic_mapping_exception",
                    $"[1:{Column(position)}] mapping set to strict, dynamic introduction of [{leaf}] within [{(parent.Length == 0 ? "_doc" : parent)}] is not allowed"));
            case "false":
                return false;
        }

        if (_dynamicTemplates.TryGetValue(path, out var template))
        {
            throw Failure(position, $"Can't find dynamic template for dynamic template name [{template}] of field [{path}]");
        }

        return true;
    }

    private static FieldMapping DynamicMappingOf(ref Utf8JsonReader reader, bool dateDetection) => reader.TokenType switch
    {
        JsonTokenType.True or JsonTokenType.False => FieldMapping.Of(FieldType.Boolean),
        JsonTokenType.Number => FieldMapping.Of(reader.TryGetInt64(out _) ? FieldType.Long : FieldType.Float),
        _ => dateDetection && DateDetection.IsDynamicDate(reader.GetString()!) ? FieldMapping.Of(FieldType.Date) : FieldMapping.DynamicText(),
    };

    private string[] SplitAndValidate(string name, string objectPath, long position)
    {
        if (name.Length == 0)
        {
            throw Wrapped(position, EsErrors.IllegalArgument("field name cannot be an empty string"));
        }

        if (name.All(c => c == '.'))
        {
            throw Wrapped(position, EsErrors.IllegalArgument("field name cannot contain only dots"));
        }

        if (name[0] == '.' || name[^1] == '.' || name.Contains("..", StringComparison.Ordinal))
        {
            throw Wrapped(position, EsErrors.IllegalArgument(
                $"field name starting or ending with a [.] makes object resolution ambiguous: [{name}]"));
        }

        var parts = name.Split('.');
        if (parts.Any(string.IsNullOrWhiteSpace))
        {
            throw Failure(position, $"Field name cannot contain only whitespace: [{Join(objectPath, name)}]");
        }

        return parts;
    }

    private FieldMapping? Lookup(string path) => _added.GetValueOrDefault(path) ?? _mapping.Get(path);

    private static string Join(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    private long Column(long bytePosition) =>
        Encoding.UTF8.GetCharCount(_source, 0, (int)Math.Min(bytePosition, _source.Length)) + 1;

    private EsErrorException Failure(long position, string reason) =>
        new(new EsError(400, "document_parsing_exception", $"[1:{Column(position)}] {reason}"));

    private EsErrorException Wrapped(long position, EsError cause) =>
        new(new EsError(400, "document_parsing_exception", $"[1:{Column(position)}] failed to parse: {cause.Reason}")
        {
            CausedBy = EsErrors.Cause(cause.Type, cause.Reason),
        });

    private EsErrorException AliasWrite(string path, long position) =>
        Wrapped(position, EsErrors.IllegalArgument($"Cannot write to a field alias [{path}]."));

    private EsErrorException FieldFailure(string path, FieldMapping field, long position, string preview, EsError cause) =>
        new(new EsError(400, "document_parsing_exception",
            $"[1:{Column(position)}] failed to parse field [{path}] of type [{field.TypeName}] in document with id '{_id}'. Preview of field's value: '{preview}'")
        {
            CausedBy = cause,
        });

    private EsErrorException Duplicate(string name, long position)
    {
        var column = Column(position);
        return new EsErrorException(new EsError(400, "document_parsing_exception", $"[1:{column}] failed to parse: Duplicate field '{name}'")
        {
            CausedBy = EsErrors.Cause("json_parse_exception",
                $"Duplicate field '{name}'\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: {column}]"),
        });
    }

    private static string ScalarText(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => Encoding.UTF8.GetString(reader.ValueSpan),
    };

    // Elasticsearch previews an object value with Java's Map.toString.
    private static string Preview(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(", ", element.EnumerateObject().Select(p => $"{p.Name}={Preview(p.Value)}")) + "}",
        JsonValueKind.Array => "[" + string.Join(", ", element.EnumerateArray().Select(Preview)) + "]",
        JsonValueKind.String => element.GetString()!,
        _ => element.GetRawText(),
    };
}
