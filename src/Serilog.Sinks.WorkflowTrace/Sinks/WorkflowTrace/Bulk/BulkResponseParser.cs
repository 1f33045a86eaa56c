using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Serilog.Sinks.WorkflowTrace.Bulk;

/// <summary>
/// Reads a <c>_bulk</c> response in one forward pass. Only what decides each document's fate is kept — the
/// action, status and error of each item, by position — and everything else is skipped, so unknown or missing
/// fields (other server versions, <c>filter_path</c>) do no harm.
/// </summary>
static class BulkResponseParser
{
    /// <param name="json">The response body.</param>
    /// <param name="expectedItems">How many documents were sent: the item list is sized once.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static BulkResponse Parse(ReadOnlySpan<byte> json, int expectedItems = 0)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("A bulk response must be a JSON object.");

        bool? errors = null;
        List<BulkItemResult>? items = null;
        var hasItems = false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("errors"u8))
            {
                reader.Read();
                errors = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => null,
                };
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    reader.Skip();
            }
            else if (reader.ValueTextEquals("items"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    hasItems = true;
                    // The common answer — every item the same compact {"create":{"status":201}}, the array closing
                    // the response — is read without the reader and kept as one item standing for all.
                    if (TryReadUniformTail(json[(int)reader.BytesConsumed..], out var uniform))
                        return new BulkResponse { Errors = errors, Items = uniform, HasItems = true };
                    items ??= new List<BulkItemResult>(expectedItems);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        items.Add(ReadItem(ref reader));
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new BulkResponse { Errors = errors, Items = items ?? (IReadOnlyList<BulkItemResult>)[], HasItems = hasItems };
    }

    /// <summary>
    /// Reads what follows an items array's opening bracket when it is nothing but items of one compact form
    /// (<c>{"create":{"status":201}}</c>, as <c>filter_path</c> trims them, one action and one status throughout),
    /// the closing bracket, and the end of the response object. False at the first byte that is anything else,
    /// and the caller reads the array as usual.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static bool TryReadUniformTail(ReadOnlySpan<byte> tail, out UniformItemList items)
    {
        items = null!;
        if (tail.IsEmpty || tail[0] == (byte)']')
            return false;

        // The first item fixes the form: {"<action>":{"status":NNN}}
        if (!tail.StartsWith("{\""u8))
            return false;
        var actionEnd = tail[2..].IndexOf((byte)'"');
        if (actionEnd <= 0)
            return false;
        var action = tail.Slice(2, actionEnd);
        var actionName = action.SequenceEqual("create"u8) ? "create" : action.SequenceEqual("index"u8) ? "index" : null;
        const int StatusDigits = 3;
        var prefixLength = 2 + actionEnd + "\":{\"status\":"u8.Length;
        var itemLength = prefixLength + StatusDigits + "}}"u8.Length;
        if (actionName is null || tail.Length < itemLength + 1
            || !tail[(2 + actionEnd)..prefixLength].SequenceEqual("\":{\"status\":"u8)
            || !tail.Slice(prefixLength + StatusDigits, 2).SequenceEqual("}}"u8))
            return false;
        var digits = tail.Slice(prefixLength, StatusDigits);
        if (!char.IsAsciiDigit((char)digits[0]) || !char.IsAsciiDigit((char)digits[1]) || !char.IsAsciiDigit((char)digits[2]))
            return false;
        var status = (digits[0] - '0') * 100 + (digits[1] - '0') * 10 + (digits[2] - '0');

        // Every item byte for byte the first, separated by commas, then "]" and "}" and nothing but white space.
        var first = tail[..itemLength];
        var count = 0;
        var at = 0;
        while (true)
        {
            if (tail.Length - at < itemLength + 1 || !tail.Slice(at, itemLength).SequenceEqual(first))
                return false;
            count++;
            at += itemLength;
            if (tail[at] == (byte)',')
            {
                at++;
                continue;
            }
            if (tail[at] != (byte)']')
                return false;
            at++;
            break;
        }
        var rest = tail[at..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] != (byte)'}' || !rest[1..].TrimStart(" \t\r\n"u8).IsEmpty)
            return false;

        items = new UniformItemList(count, new BulkItemResult(actionName, status, null, null));
        return true;
    }

    // {"create":{"_index":..,"status":201,...}} or {"create":{"status":400,"error":{"type":..,"reason":..}}}
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static BulkItemResult ReadItem(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return new BulkItemResult(null, null, "unreadable_item", "the bulk response item is not an object");
        }

        string? action = null;
        int? status = null;
        string? errorType = null, errorReason = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            action ??= ActionName(ref reader);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("status"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
                        status = value;
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    (errorType, errorReason) = ReadError(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }

        return new BulkItemResult(action, status, errorType, errorReason);
    }

    /// <summary>The action of an item: the four Elasticsearch has as shared strings, anything else read as it is.</summary>
    static string? ActionName(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("create"u8) ? "create"
        : reader.ValueTextEquals("index"u8) ? "index"
        : reader.ValueTextEquals("update"u8) ? "update"
        : reader.ValueTextEquals("delete"u8) ? "delete"
        : reader.GetString();

    /// <summary>
    /// An error is an object (<c>type</c>, <c>reason</c>, <c>caused_by</c>...) or, from some servers, a plain string.
    /// The reason keeps the first cause, which is where Elasticsearch says which field failed.
    /// </summary>
    public static (string? Type, string? Reason) ReadError(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
            return (null, reader.GetString());
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return (null, null);
        }

        string? type = null, reason = null, causeType = null, causeReason = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("reason"u8))
            {
                reader.Read();
                reason = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("caused_by"u8))
            {
                reader.Read();
                (causeType, causeReason) = ReadError(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (causeType is not null || causeReason is not null)
            reason = $"{reason} (caused by {causeType}: {causeReason})";
        return (type, reason);
    }

    /// <summary>The error of a whole-request failure body, for the exception message; tolerant of any body.</summary>
    public static string DescribeErrorBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
            return "(empty body)";
        try
        {
            var reader = new Utf8JsonReader(body);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("error"u8))
                    {
                        reader.Read();
                        var (type, reason) = ReadError(ref reader);
                        return $"{type ?? "error"}: {reason ?? "(no reason given)"}";
                    }
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: a proxy's HTML page, say. Fall through to a short excerpt.
            return "non-JSON body: " + Excerpt(body);
        }

        // JSON that names no error (a gateway's "{}", a bare status): say so, and show what it was.
        return "the server gave no reason (its body: " + Excerpt(body) + ")";
    }

    static string Excerpt(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 200)]);
        return string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c)).Trim();
    }
}
