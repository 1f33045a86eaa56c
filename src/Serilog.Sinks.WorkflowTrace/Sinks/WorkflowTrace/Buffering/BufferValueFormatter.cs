using Serilog.Events;
using Serilog.Formatting.Json;

namespace Serilog.Sinks.WorkflowTrace.Buffering;

/// <summary>
/// CLEF's value formatting (a structure's type as <c>$type</c>) with one addition: a dictionary is written as an
/// object whose <c>$type</c> is <see cref="DictionaryTag"/>, so that it is read back as a dictionary (and rendered in
/// the message as one) rather than as a structure. Other CLEF readers see an object with one more member.
/// </summary>
sealed class BufferValueFormatter() : JsonValueFormatter(typeTagName: TypeTagName)
{
    /// <summary>The member naming a structure's type.</summary>
    public const string TypeTagName = "$type";

    /// <summary>The <c>$type</c> of a dictionary.</summary>
    public const string DictionaryTag = "$dictionary";

    /// <inheritdoc />
    protected override bool VisitDictionaryValue(TextWriter state, DictionaryValue dictionary)
    {
        state.Write("{\"" + TypeTagName + "\":\"" + DictionaryTag + "\"");
        foreach (var (key, value) in dictionary.Elements)
        {
            state.Write(',');
            WriteQuotedJsonString(key.Value is IFormattable formattable ? formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture) : key.Value?.ToString() ?? "null", state);
            state.Write(':');
            Visit(state, value);
        }
        state.Write('}');
        return false;
    }
}
