using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Contract;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// Context resolution: which of the event's properties fill which contract field (by the spellings of
/// <see cref="TraceContract"/>, the snake_case one winning), their values converted to the field's type, and which
/// properties were used and so stay out of <c>metadata</c>.
/// </summary>
sealed partial class TraceDocumentWriter
{
    readonly BoundedCache<PropertyNameInfo> _propertyNames = new();
    // By field: the index of the property that fills it (-1 for none), whether that is the snake_case spelling, and
    // whether its value was taken (a value the field cannot take leaves the property in metadata).
    readonly int[] _slots = new int[TraceContract.Count];
    readonly bool[] _slotIsContractName = new bool[TraceContract.Count];
    readonly bool[] _slotUsed = new bool[TraceContract.Count];
    PropertyNameInfo[] _infos = new PropertyNameInfo[16];
    // The field each property's name belongs to (-1 for none), by property index, so metadata can skip it without a search.
    int[] _fieldOf = new int[16];
    // The name at each property position in the last event, and its info: events of one call site and context
    // logger carry the same name instances in the same order, so the name cache is consulted only for new shapes.
    readonly string?[] _lastNames = new string?[16];
    readonly PropertyNameInfo?[] _lastInfos = new PropertyNameInfo?[16];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void CollectContextProperties()
    {
        Array.Fill(_slots, -1);
        Array.Clear(_slotUsed);
        EnsurePropertyCapacity();
        long longHoles = 0;
        for (var i = 0; i < _propertyCount; i++)
        {
            // A long text decides how much of each can be kept; an own one (a hole) is in the message as well.
            if (At(i).IsStringLongerThan(TextBudget.LongText))
            {
                var length = ((string)At(i).Scalar!).Length;
                _values.Budget.Expect(length);
                if (i < _ownCount)
                    longHoles += length;
            }
            var info = _infos[i] = InfoAt(i);
            _fieldOf[i] = -1;
            var code = info.FieldCode;
            if (code < 0)
                continue;
            var field = code >> 1;
            var isContractName = (code & 1) == 1;
            // Both spellings of a field's name know their field: the one that fills it (snake_case first), and
            // the other, which is then not repeated under metadata either.
            _fieldOf[i] = field;
            var holder = _slots[field];
            if (holder < 0 || isContractName && !_slotIsContractName[field])
            {
                _slots[field] = i;
                _slotIsContractName[field] = isContractName;
            }
        }
        if (longHoles > 0)
            _values.Budget.Expect((int)Math.Min(int.MaxValue, longHoles));
        _values.Budget.ChooseFirstCap();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void EnsurePropertyCapacity()
    {
        if (_infos.Length < _propertyCount)
        {
            _infos = new PropertyNameInfo[_propertyCount * 2];
            _fieldOf = new int[_propertyCount * 2];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    PropertyNameInfo InfoAt(int i)
    {
        var name = At(i).Name;
        if (i < _lastNames.Length && ReferenceEquals(_lastNames[i], name))
            return _lastInfos[i]!;
        var info = _propertyNames.Get(name, PropertyNameInfo.For);
        if (i < _lastNames.Length)
        {
            _lastNames[i] = name;
            _lastInfos[i] = info;
        }
        return info;
    }

    /// <summary>Writes a text field from its property when it has one (encoded once per value), else the fallback.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void WriteContextText(Utf8JsonWriter writer, JsonEncodedText name, CapturedEvent captured, TraceField field, JsonEncodedText? fallback)
    {
        var index = _slots[(int)field];
        if (index >= 0 && At(index) is { IsScalar: true, Scalar: string { Length: > 0 } text })
        {
            _slotUsed[(int)field] = true;
            if (text.Length <= TextBudget.LongText)
                writer.WriteString(name, _infos[index].Encode(text));
            else
                _values.WriteText(writer, name, text);
            return;
        }
        WriteOptional(writer, name, Text(captured, field), fallback);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    object? Scalar(CapturedEvent captured, TraceField field)
    {
        var index = _slots[(int)field];
        return index < 0 ? null : At(index) is { IsScalar: true } property ? property.Scalar : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    string? Text(CapturedEvent captured, TraceField field)
    {
        if (Scalar(captured, field) is not { } value)
            return null;
        var text = value as string ?? JsonValueWriter.ScalarText(value);
        if (text.Length == 0)
            return null;
        _slotUsed[(int)field] = true;
        return text;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    double? Number(CapturedEvent captured, TraceField field)
    {
        double number;
        switch (Scalar(captured, field))
        {
            case null:
                return null;
            case string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                number = parsed;
                break;
            case double d:
                number = d;
                break;
            case IConvertible convertible and not string and not bool and not char and not DateTime:
                try { number = convertible.ToDouble(CultureInfo.InvariantCulture); }
                catch (Exception) { return null; }
                break;
            default:
                return null;
        }

        if (!double.IsFinite(number))
            return null;
        _slotUsed[(int)field] = true;
        return number;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    int? Integer(CapturedEvent captured, TraceField field)
    {
        int? result = Scalar(captured, field) switch
        {
            int i => i,
            long l and >= int.MinValue and <= int.MaxValue => (int)l,
            short s => s,
            ushort us => us,
            byte b => b,
            sbyte sb => sb,
            uint ui and <= int.MaxValue => (int)ui,
            string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        if (result is not null)
            _slotUsed[(int)field] = true;
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    bool IsUsedForContextField(int propertyIndex) => _fieldOf[propertyIndex] is var field and >= 0 && _slotUsed[field];

    /// <summary>The caller's file name without directories, whichever platform's separators it carries.</summary>
    static string? FileNameOnly(string? path)
    {
        if (path is null)
            return null;
        var slash = path.LastIndexOfAny(['/', '\\']);
        var name = slash < 0 ? path : path[(slash + 1)..];
        return name.Length == 0 ? null : name;
    }

    // Consecutive events nearly always share their run: the last cut is reused instead of rebuilt.
    string? _lastRunId, _lastParentRunId, _lastCutId;

    string CachedCutId(string runId, string? parentRunId)
    {
        if (_lastCutId is null || !string.Equals(runId, _lastRunId, StringComparison.Ordinal) || !string.Equals(parentRunId, _lastParentRunId, StringComparison.Ordinal))
        {
            _lastRunId = runId;
            _lastParentRunId = parentRunId;
            _lastCutId = CutId.Of(runId, parentRunId);
        }
        return _lastCutId;
    }
}
