using System.Text.Encodings.Web;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>A property name made safe for a <c>metadata</c> field and encoded once.</summary>
readonly record struct MetadataName(string Sanitized, JsonEncodedText Encoded, bool MayCollide)
{
    public static MetadataName For(string name)
    {
        var sanitized = FieldNameSanitizer.Sanitize(name);
        var mayCollide = !ReferenceEquals(sanitized, name) && sanitized != name || sanitized == TraceFields.MessageTemplate;
        return new MetadataName(sanitized, JsonEncodedText.Encode(sanitized, JavaScriptEncoder.UnsafeRelaxedJsonEscaping), mayCollide);
    }
}
