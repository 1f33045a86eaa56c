using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Contract;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// Everything the document writer works out about one property name, once: which contract field it fills (if
/// any), its safe <c>metadata</c> name, encoded, and the encoding of the last text value seen under it — a context
/// logger's properties carry the same string instance on every event, so their values are encoded once too.
/// </summary>
sealed class PropertyNameInfo
{
    static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    string? _lastValue;
    JsonEncodedText _lastEncoded;

    PropertyNameInfo(int fieldCode, MetadataName metadataName)
    {
        FieldCode = fieldCode;
        MetadataName = metadataName;
    }

    /// <summary>-1, or the contract field shifted left once with the low bit set for the snake_case spelling.</summary>
    public int FieldCode { get; }

    public MetadataName MetadataName { get; }

    public static PropertyNameInfo For(string name) =>
        new(TraceContract.TryFindProperty(name, out var field, out var isContractName) ? (int)field << 1 | (isContractName ? 1 : 0) : -1,
            MetadataName.For(name));

    /// <summary>
    /// The JSON encoding of a text value of this property; the same instance as last time costs nothing. Only for
    /// short texts: the value is kept until the next one, as long as the logger lives.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public JsonEncodedText Encode(string value)
    {
        if (!ReferenceEquals(value, _lastValue))
        {
            _lastEncoded = JsonEncodedText.Encode(SafeText.NeedsRepair(value) ? SafeText.Repair(value) : value, Encoder);
            _lastValue = value;
        }
        return _lastEncoded;
    }
}
