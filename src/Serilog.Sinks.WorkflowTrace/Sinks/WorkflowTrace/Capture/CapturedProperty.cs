using System.Runtime.CompilerServices;
using System.Text.Json;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Capture;

/// <summary>
/// One property of a captured event. A scalar is kept as its raw value (usually a string shared by every event
/// of a context logger), so a queued event holds no per-event wrapper object for it; other values (structures,
/// sequences, dictionaries) are kept as they are. A number or flag of an event's own is kept packed (see
/// <see cref="Pack"/>), its bits beside a tag for its type, so no box of it lives while the event waits and is sent.
/// Two references and a long, 24 bytes.
/// </summary>
readonly struct CapturedProperty
{
    readonly object? _value;
    readonly long _bits;

    CapturedProperty(string name, object? value, long bits = 0)
    {
        Name = name;
        _value = value;
        _bits = bits;
    }

    public string Name { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CapturedProperty From(string name, LogEventPropertyValue value) =>
        // A scalar whose raw value is itself a property value (never seen in practice) keeps its wrapper, so the
        // two kinds can always be told apart.
        value is ScalarValue { Value: not LogEventPropertyValue } scalar ? new(name, scalar.Value) : new(name, value);

    /// <summary>A scalar property from its raw value (not itself a property value), without a wrapper.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CapturedProperty FromScalar(string name, object? value) =>
        value is LogEventPropertyValue wrapped ? new(name, new ScalarValue(wrapped)) : new(name, value);

    public bool IsScalar
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _value is not LogEventPropertyValue || _value is ScalarValue;
    }

    /// <summary>The raw scalar value; null for a non-scalar.</summary>
    public object? Scalar
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _value switch
        {
            PackedTag tag => tag.Unpack(_bits),
            ScalarValue wrapped => wrapped.Value,
            LogEventPropertyValue => null,
            var raw => raw,
        };
    }

    /// <summary>Whether the value is a string of more than <paramref name="length"/> characters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsStringLongerThan(int length) => _value is string text && text.Length > length;

    /// <summary>The non-scalar value (structure, sequence, dictionary); null for a scalar.</summary>
    public LogEventPropertyValue? Complex => _value is LogEventPropertyValue and not ScalarValue ? (LogEventPropertyValue)_value : null;

    public LogEventPropertyValue ToValue() => _value as LogEventPropertyValue ?? new ScalarValue(Scalar);

    /// <summary>
    /// The property kept without the box Serilog made for a number or a flag: the box is then garbage at once
    /// instead of living, referenced from a queued event, until the event is sent — and no new box is made for it
    /// while the event's batch is delivered (such boxes outlived young collections and were copied by them).
    /// <see cref="Scalar"/> gives the value back (boxed anew); the document's writers read it unboxed with
    /// <see cref="TryGetInt32"/>, <see cref="TryGetInt64"/> and <see cref="TryGetBoolean"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CapturedProperty Pack() => _value switch
    {
        int i => new(Name, PackedTag.Int32, i),
        long l => new(Name, PackedTag.Int64, l),
        double d => new(Name, PackedTag.Double, BitConverter.DoubleToInt64Bits(d)),
        bool b => new(Name, PackedTag.Boolean, b ? 1 : 0),
        _ => this,
    };

    /// <summary>Whether the value is a packed int, long or flag: never empty, and written by <see cref="TryWritePacked"/>.</summary>
    public bool IsPackedIntegerOrFlag
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ReferenceEquals(_value, PackedTag.Int32) || ReferenceEquals(_value, PackedTag.Int64) || ReferenceEquals(_value, PackedTag.Boolean);
    }

    /// <summary>
    /// Writes a packed int, long or flag as a JSON number or boolean — as every writer of the sink writes such a value
    /// — without boxing it; false for any other value (a packed double too: its writers have rules of their own).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryWritePacked(Utf8JsonWriter writer)
    {
        if (ReferenceEquals(_value, PackedTag.Int32))
            writer.WriteNumberValue((int)_bits);
        else if (ReferenceEquals(_value, PackedTag.Int64))
            writer.WriteNumberValue(_bits);
        else if (ReferenceEquals(_value, PackedTag.Boolean))
            writer.WriteBooleanValue(_bits != 0);
        else
            return false;
        return true;
    }

    /// <summary>The value when it is a packed <see cref="int"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetInt32(out int value)
    {
        value = (int)_bits;
        return ReferenceEquals(_value, PackedTag.Int32);
    }

    /// <summary>The value when it is a packed <see cref="long"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetInt64(out long value)
    {
        value = _bits;
        return ReferenceEquals(_value, PackedTag.Int64);
    }

    /// <summary>The value when it is a packed <see cref="bool"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetBoolean(out bool value)
    {
        value = _bits != 0;
        return ReferenceEquals(_value, PackedTag.Boolean);
    }

    /// <summary>Stands, in a packed property, for the type of the value its bits hold, and turns them back into it.</summary>
    sealed class PackedTag(Func<long, object> unpack)
    {
        public static readonly PackedTag
            Int32 = new(bits => (int)bits),
            Int64 = new(bits => bits),
            Double = new(bits => BitConverter.Int64BitsToDouble(bits)),
            Boolean = new(bits => bits != 0);

        public object Unpack(long bits) => unpack(bits);
    }

    /// <summary>
    /// Whether <paramref name="value"/>, under <paramref name="name"/>, would be captured as this very property: the
    /// same name and raw scalar (or value) object, without building the property first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsSameAs(string name, LogEventPropertyValue value)
    {
        if (!ReferenceEquals(Name, name))
            return false;
        // From keeps a scalar's raw value unless that is itself a property value; the same raw object means the
        // same capture exactly when it is not one.
        if (value is ScalarValue scalar && ReferenceEquals(_value, scalar.Value))
            return _value is not LogEventPropertyValue;
        return ReferenceEquals(_value, value);
    }

    /// <summary>The very same name and value objects: what a context logger adds to every event.</summary>
    public bool IsSameAs(in CapturedProperty other) => ReferenceEquals(Name, other.Name) && ReferenceEquals(_value, other._value) && _bits == other._bits;
}
