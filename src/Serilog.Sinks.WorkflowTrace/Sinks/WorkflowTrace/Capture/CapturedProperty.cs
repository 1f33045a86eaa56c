using System.Runtime.CompilerServices;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Capture;

/// <summary>
/// One property of a captured event. A scalar is kept as its raw value (usually a string shared by every event
/// of a context logger), so a queued event holds no per-event wrapper object for it; other values (structures,
/// sequences, dictionaries) are kept as they are. Two references, 16 bytes.
/// </summary>
readonly struct CapturedProperty
{
    readonly object? _value;

    CapturedProperty(string name, object? value)
    {
        Name = name;
        _value = value;
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

    public LogEventPropertyValue ToValue() => _value as LogEventPropertyValue ?? new ScalarValue(_value);

    /// <summary>
    /// The property kept without the box Serilog made for a number or a flag: the box is then garbage at once
    /// instead of living, referenced from a queued event, until the event is sent. <paramref name="bits"/> holds the
    /// value; <see cref="Unpack"/> undoes it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CapturedProperty Pack(out long bits)
    {
        switch (_value)
        {
            case int i:
                bits = i;
                return new(Name, PackedTag.Int32);
            case long l:
                bits = l;
                return new(Name, PackedTag.Int64);
            case double d:
                bits = BitConverter.DoubleToInt64Bits(d);
                return new(Name, PackedTag.Double);
            case bool b:
                bits = b ? 1 : 0;
                return new(Name, PackedTag.Boolean);
            default:
                bits = 0;
                return this;
        }
    }

    /// <summary>The property as it was before <see cref="Pack"/>.</summary>
    public CapturedProperty Unpack(long bits) => _value is PackedTag tag ? new(Name, tag.Unpack(bits)) : this;

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
    public bool IsSameAs(in CapturedProperty other) => ReferenceEquals(Name, other.Name) && ReferenceEquals(_value, other._value);
}
