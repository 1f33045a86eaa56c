using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Capture;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// The document cache: the last document written, kept as a <see cref="DocumentShape"/>, serves the next event of
/// its kind (same level, template and context), which then costs a copy and its own values; and what a full
/// write records of itself so that it can become such a shape.
/// </summary>
sealed partial class TraceDocumentWriter
{
    // The document cache (DocumentShape): the last shape written, and what the write in progress records of itself.
    readonly Utf8JsonWriter _fragment;
    DocumentShape? _shape;
    bool _recording;
    long _documentBase;
    readonly int[] _partStarts = new int[DocumentShape.PartCount];
    readonly int[] _partEnds = new int[DocumentShape.PartCount];

    /// <summary>
    /// Whether the document of <paramref name="captured"/> can be written from, and recorded as, a
    /// <see cref="DocumentShape"/>: nothing in it may vary that the shape's key does not hold.
    /// </summary>
    /// <remarks>The current event's own properties' infos (<see cref="_infos"/>) must be known.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool IsCacheable(CapturedEvent captured) =>
        !_writeTimestamp && captured.Exception is null && captured.TraceId == default && captured.SpanId == default &&
        captured.ParentSpanId == default && OwnPropertiesArePlain();

    // Own properties that are scalars and fill no contract field only ever appear in the message and in metadata.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool OwnPropertiesArePlain()
    {
        for (var i = 0; i < _ownCount; i++)
        {
            if (!At(i).IsScalar || _infos[i].FieldCode >= 0 || At(i).IsStringLongerThan(TextBudget.LongText))
                return false;
        }
        return true;
    }

    /// <summary>
    /// Writes the document of <paramref name="captured"/> from the last one of its kind, straight into
    /// <paramref name="output"/>; false (nothing written) when there is none, and <see cref="Write"/> is needed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryWriteLikeLast(IBufferWriter<byte> output, CapturedEvent captured, DateTime createdAtUtc)
    {
        var shape = _shape;
        if (shape is null || !shape.Fits(captured))
            return false;

        _current = captured;
        _ownCount = captured.OwnCount;
        _shared = captured.Shared;
        _propertyCount = captured.PropertyCount;
        EnsurePropertyCapacity();
        for (var i = 0; i < _ownCount; i++)
        {
            _infos[i] = InfoAt(i);
            _fieldOf[i] = -1;
        }
        if (!IsCacheable(captured))
            return false;

        var bytes = shape.Bytes;
        var copied = 0;
        for (var part = 0; part < DocumentShape.PartCount; part++)
        {
            output.Write(bytes.AsSpan(copied, shape.Starts[part] - copied));
            copied = shape.Ends[part];
            _fragment.Reset(output);
            switch ((DocumentShape.Part)part)
            {
                case DocumentShape.Part.Message:
                    RenderMessage(captured);
                    if (_text.WrittenSpan.Length > 0)
                    {
                        output.Write(","u8);
                        _values.WriteText(_fragment, TraceFields.Message, _text.WrittenSpan);
                    }
                    break;
                case DocumentShape.Part.Datetime:
                    WriteRawDate(output, TraceFields.Datetime, captured.Timestamp.UtcDateTime);
                    break;
                case DocumentShape.Part.Thread:
                    WriteRawMember(output, TraceFields.Thread);
                    var digits = output.GetSpan(20);
                    captured.ThreadId.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
                    output.Advance(written);
                    break;
                case DocumentShape.Part.OwnMetadata:
                    for (var i = 0; i < _ownCount; i++)
                    {
                        if (IsSkippedInMetadata(i))
                            continue;
                        _fragment.Flush();
                        output.Write(","u8);
                        _fragment.Reset(output);
                        WriteMetadataMember(_fragment, i, null);
                    }
                    break;
                case DocumentShape.Part.CreatedAt:
                    WriteRawDate(output, TraceFields.CreatedAt, createdAtUtc);
                    break;
            }
            _fragment.Flush();
        }
        output.Write(bytes.AsSpan(copied));
        Forget();
        return true;
    }

    // A member as Utf8JsonWriter writes it after another: ,"name": (names are encoded once; dates and numbers need
    // no escaping).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void WriteRawMember(IBufferWriter<byte> output, JsonEncodedText name)
    {
        var encoded = name.EncodedUtf8Bytes;
        var span = output.GetSpan(encoded.Length + 4);
        span[0] = (byte)',';
        span[1] = (byte)'"';
        encoded.CopyTo(span[2..]);
        span[2 + encoded.Length] = (byte)'"';
        span[3 + encoded.Length] = (byte)':';
        output.Advance(encoded.Length + 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void WriteRawDate(IBufferWriter<byte> output, JsonEncodedText name, DateTime utc)
    {
        WriteRawMember(output, name);
        var span = output.GetSpan(Utf8Dates.Length + 2);
        span[0] = (byte)'"';
        Utf8Dates.Write(utc, span[1..]);
        span[Utf8Dates.Length + 1] = (byte)'"';
        output.Advance(Utf8Dates.Length + 2);
    }

    /// <summary>
    /// Called with the document just written by <see cref="Write"/> (the same writer, reset before it, now flushed):
    /// when it can serve as the shape of the events like it, it is kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Written(CapturedEvent captured, ReadOnlySpan<byte> document)
    {
        var record = _recording && ReferenceEquals(captured, _current) && document.Length <= MaxShapeBytes && _values.Budget.Cut.Count == 0;
        _recording = false;
        Forget();
        if (record)
            _shape = new DocumentShape(captured, document, _partStarts, _partEnds);
    }

    /// <summary>
    /// The largest document kept as a shape: ordinary documents are well under a kilobyte, and a shape holds the
    /// event's shared properties for as long as it is kept.
    /// </summary>
    const int MaxShapeBytes = 16 * 1024;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    int Position(Utf8JsonWriter writer) => (int)(writer.BytesCommitted + writer.BytesPending - _documentBase);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    void PartStarts(Utf8JsonWriter writer, DocumentShape.Part part)
    {
        if (_recording)
            _partStarts[(int)part] = Position(writer);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    void PartEnds(Utf8JsonWriter writer, DocumentShape.Part part)
    {
        if (_recording)
            _partEnds[(int)part] = Position(writer);
    }
}
