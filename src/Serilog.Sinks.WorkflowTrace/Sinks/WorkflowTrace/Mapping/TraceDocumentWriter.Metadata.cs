using System.Runtime.CompilerServices;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Contract;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// The two fields built from several sources: <c>tags</c> (the option's tags merged with the event's, distinct, in
/// order) and <c>metadata</c> (the message template and every property that fills no field).
/// </summary>
sealed partial class TraceDocumentWriter
{
    static readonly JsonEncodedText TruncatedFieldsName = JsonEncodedText.Encode("truncated_fields");

    readonly List<string> _tags = [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void WriteTags(Utf8JsonWriter writer, CapturedEvent captured)
    {
        var index = _slots[(int)TraceField.Tags];
        if (index < 0 && _defaultTags.Length == 0)
            return;

        _tags.Clear();
        if (index >= 0)
        {
            var property = At(index);
            switch (property)
            {
                case { IsScalar: true, Scalar: string { Length: > 0 } single }:
                    AddTag(single);
                    _slotUsed[(int)TraceField.Tags] = true;
                    break;
                case { Complex: Serilog.Events.SequenceValue sequence } when sequence.Elements.All(e => e is Serilog.Events.ScalarValue):
                    foreach (var element in sequence.Elements)
                    {
                        if (element is Serilog.Events.ScalarValue { Value: { } value })
                            AddTag(JsonValueWriter.ScalarText(value));
                    }
                    _slotUsed[(int)TraceField.Tags] = true;
                    break;
            }
        }

        writer.WriteStartArray(TraceFields.Tags);
        for (var i = 0; i < _defaultTags.Length; i++)
            writer.WriteStringValue(_defaultTags[i]);
        _values.Budget.Field = "tags";
        foreach (var tag in _tags)
            _values.WriteText(writer, tag);
        writer.WriteEndArray();
        _tags.Clear();
    }

    void AddTag(string tag)
    {
        if (tag.Length > 0 && !_tags.Contains(tag, StringComparer.Ordinal) && !_defaults.Tags.Contains(tag, StringComparer.Ordinal))
            _tags.Add(tag);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void WriteMetadata(Utf8JsonWriter writer, CapturedEvent captured)
    {
        writer.WriteStartObject(TraceFields.Metadata);
        writer.WritePropertyName(TraceFields.MessageTemplateName);
        var budget = _values.Budget;
        budget.InMetadata = true;
        budget.Field = TraceFields.MessageTemplate;
        _values.WriteText(writer, captured.Template.Text);

        // Property names are unique within an event; only a name changed by sanitizing (or one equal to
        // message_template) can collide, and only then is the slower de-duplication needed.
        var mayCollide = false;
        for (var i = 0; i < _propertyCount; i++)
            mayCollide |= _infos[i].MetadataName.MayCollide;

        var unique = mayCollide ? _values.NamesAt(1) : null;
        unique?.Reserve(TraceFields.MessageTemplate);
        // A shape is recorded only where member names are written as they are (no de-duplication).
        _recording &= unique is null;
        PartStarts(writer, DocumentShape.Part.OwnMetadata);
        for (var i = 0; i < _propertyCount; i++)
        {
            if (i == _ownCount)
                PartEnds(writer, DocumentShape.Part.OwnMetadata);
            if (!IsSkippedInMetadata(i))
                WriteMetadataMember(writer, i, unique);
        }
        if (_propertyCount == _ownCount)
            PartEnds(writer, DocumentShape.Part.OwnMetadata);

        budget.InMetadata = false;
        if (budget.Cut.Count > 0)
        {
            writer.WriteStartArray(TruncatedFieldsName);
            foreach (var name in budget.Cut)
                writer.WriteStringValue(name);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    /// <summary>Whether property <paramref name="i"/> stays out of metadata: it fills a contract field, or is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool IsSkippedInMetadata(int i)
    {
        ref readonly var property = ref At(i);
        // A packed int, long or flag is never empty: asked first, so that it is not boxed to be looked at.
        if (property.IsPackedIntegerOrFlag)
            return IsUsedForContextField(i);
        return IsUsedForContextField(i) || property.IsScalar && JsonValueWriter.IsEmptyScalar(property.Scalar) ||
               !property.IsScalar && JsonValueWriter.IsEmpty(property.Complex!);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void WriteMetadataMember(Utf8JsonWriter writer, int i, UniqueNameSet? unique)
    {
        ref readonly var property = ref At(i);
        var info = _infos[i];
        _values.Budget.Field = info.MetadataName.Sanitized;
        if (unique is null)
            writer.WritePropertyName(info.MetadataName.Encoded);
        else
            writer.WritePropertyName(unique.Claim(info.MetadataName.Sanitized));

        if (!property.IsScalar)
            _values.WriteValue(writer, property.Complex!, 1);
        else if (!property.TryWritePacked(writer))      // a packed number or flag: asked first, Scalar would box it
            WriteScalarMember(writer, property.Scalar, info);
    }

    /// <summary>A scalar that is not packed: a string through the name's encoding cache, anything else as <see cref="JsonValueWriter.WriteScalar"/> writes it.</summary>
    void WriteScalarMember(Utf8JsonWriter writer, object? scalar, PropertyNameInfo info)
    {
        if (scalar is string text)
        {
            // A long value is written as it is, never cached: the cache would keep it alive.
            if (text.Length <= TextBudget.LongText)
                writer.WriteStringValue(info.Encode(text));
            else
                _values.WriteText(writer, text);
        }
        else
            _values.WriteScalar(writer, scalar);
    }
}
