using System.Globalization;
using System.Runtime.CompilerServices;
using Serilog.Parsing;
using Serilog.Sinks.WorkflowTrace.Capture;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// Renders a captured event's message as Serilog's <c>{Message:l}</c> would: strings without quotes, formats and
/// alignment applied, the invariant culture, a hole without a value left as its template text. Works on the
/// captured properties directly, so rendering allocates nothing for string and number holes.
/// </summary>
sealed class LiteralMessageRenderer
{
    readonly PooledCharWriter _aligned = new();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Render(Serilog.Events.MessageTemplate template, ReadOnlySpan<CapturedProperty> own, ReadOnlySpan<CapturedProperty> shared, PooledCharWriter output)
    {
        // Tokens is the template's own array behind an interface: enumerate it as one, without an enumerator.
        var tokens = template.Tokens as MessageTemplateToken[] ?? template.Tokens.ToArray();
        foreach (var token in tokens)
        {
            switch (token)
            {
                case TextToken text:
                    output.Write(text.Text);
                    break;
                case PropertyToken property:
                    RenderProperty(own, shared, property, output);
                    break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void RenderProperty(ReadOnlySpan<CapturedProperty> own, ReadOnlySpan<CapturedProperty> shared, PropertyToken token, PooledCharWriter output)
    {
        if (!TryFind(own, token.PropertyName, out var property) && !TryFind(shared, token.PropertyName, out property))
        {
            output.Write(token.ToString());
            return;
        }

        if (token.Alignment is not { } alignment)
        {
            RenderValueOrPlaceholder(property, token.Format, output);
            return;
        }

        _aligned.Clear();
        RenderValueOrPlaceholder(property, token.Format, _aligned);
        var text = _aligned.WrittenSpan;
        var padding = Math.Max(0, alignment.Width - text.Length);
        if (alignment.Direction == AlignmentDirection.Right)
            output.Write(' ', padding);
        output.Write(text);
        if (alignment.Direction == AlignmentDirection.Left)
            output.Write(' ', padding);
    }

    /// <summary>
    /// The value as text; a value whose formatting or <c>ToString</c> throws leaves a placeholder instead of what it
    /// had written, and the rest of the message is rendered as usual.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void RenderValueOrPlaceholder(in CapturedProperty property, string? format, PooledCharWriter output)
    {
        var mark = output.Length;
        try
        {
            RenderValue(property, format, output);
        }
        catch (Exception ex)
        {
            output.Truncate(mark);
            output.Write(Unreadable.Placeholder("ToString()", ex));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void RenderValue(in CapturedProperty property, string? format, PooledCharWriter output)
    {
        if (!property.IsScalar)
        {
            property.Complex!.Render(output, format, CultureInfo.InvariantCulture);
            return;
        }

        // A packed int or long (an event's own number) is formatted as its box would be, without making one.
        if (property.TryGetInt32(out var int32))
        {
            if (!output.TryFormat(int32, format))
                output.Write(int32.ToString(format, CultureInfo.InvariantCulture));
            return;
        }
        if (property.TryGetInt64(out var int64))
        {
            if (!output.TryFormat(int64, format))
                output.Write(int64.ToString(format, CultureInfo.InvariantCulture));
            return;
        }

        switch (property.Scalar)
        {
            case null:
                output.Write("null");
                break;
            case string s:
                output.Write(s);
                break;
            case ISpanFormattable spanFormattable when output.TryFormat(spanFormattable, format):
                break;
            case IFormattable formattable:
                output.Write(formattable.ToString(format, CultureInfo.InvariantCulture));
                break;
            default:
                output.Write(JsonValueWriter.ScalarText(property.Scalar));
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static bool TryFind(ReadOnlySpan<CapturedProperty> properties, string name, out CapturedProperty found)
    {
        foreach (var property in properties)
        {
            if (ReferenceEquals(property.Name, name) || property.Name == name)
            {
                found = property;
                return true;
            }
        }
        found = default;
        return false;
    }
}
