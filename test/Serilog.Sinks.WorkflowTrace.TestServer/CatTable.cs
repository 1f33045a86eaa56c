using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>One column of a <c>_cat</c> table: its name, its aliases, whether it is shown without <c>h=</c>.</summary>
internal sealed record CatColumn(string Name, string[] Aliases, bool Default = true);

/// <summary>
/// What every <c>_cat</c> API does with its rows: <c>h=</c> picks columns (names, aliases or wildcards; an unknown
/// one is skipped; the answer keys a column by the name asked for), <c>s=</c> sorts (<c>col:desc</c>; numbers as
/// numbers), <c>format=json</c> gives an array of objects whose values are all strings, otherwise a text table.
/// </summary>
internal static class CatTable
{
    public static EsResponse Render(EsRequest request, IReadOnlyList<CatColumn> columns, IReadOnlyList<IReadOnlyDictionary<string, string?>> rows)
    {
        if (request.Param("help") is not null)
        {
            throw new EsErrorException(EsErrors.Unsupported("[help] in cat APIs"));
        }

        var shown = Shown(request.Param("h"), columns);
        var sorted = Sorted(request.Param("s"), columns, rows);
        var format = request.Param("format")?.ToLowerInvariant();
        if (format is "json")
        {
            var array = new JsonArray();
            foreach (var row in sorted)
            {
                var item = new JsonObject();
                foreach (var (key, column) in shown)
                {
                    item[key] = row.GetValueOrDefault(column.Name);
                }

                array.Add(item);
            }

            return EsResponse.Ok(array);
        }

        if (format is not (null or "txt" or "text"))
        {
            throw new EsErrorException(EsErrors.Unsupported($"[format={format}] in cat APIs (json and text only)"));
        }

        return EsResponse.RawBody(200, Encoding.UTF8.GetBytes(Text(request.Flag("v"), shown, sorted)), "text/plain; charset=UTF-8", fromElasticsearch: true);
    }

    /// <summary>Bytes in the unit <c>bytes=</c> asks for (whole units), or as Elasticsearch prints sizes (<c>88.1kb</c>).</summary>
    public static string Bytes(long bytes, string? unit)
    {
        string[] units = ["b", "kb", "mb", "gb", "tb", "pb"];
        if (unit is not null)
        {
            var power = Array.IndexOf(units, unit.ToLowerInvariant());
            if (power < 0)
            {
                throw new EsErrorException(EsErrors.IllegalArgument($"failed to parse [bytes] with value [{unit}]"));
            }

            return (bytes / (long)Math.Pow(1024, power)).ToString(CultureInfo.InvariantCulture);
        }

        var step = 0;
        double value = bytes;
        while (value >= 1024 && step < units.Length - 1)
        {
            value /= 1024;
            step++;
        }

        return value.ToString("0.#", CultureInfo.InvariantCulture) + units[step];
    }

    private static List<(string Key, CatColumn Column)> Shown(string? h, IReadOnlyList<CatColumn> columns)
    {
        if (string.IsNullOrEmpty(h))
        {
            return columns.Where(c => c.Default).Select(c => (c.Name, c)).ToList();
        }

        var shown = new List<(string, CatColumn)>();
        foreach (var wanted in h.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Wildcard.IsPattern(wanted))
            {
                shown.AddRange(columns.Where(c => Wildcard.Matches(wanted, c.Name)).Select(c => (c.Name, c)));
            }
            else if (Find(wanted, columns) is { } column)
            {
                shown.Add((wanted, column));
            }
        }

        return shown;
    }

    private static CatColumn? Find(string name, IReadOnlyList<CatColumn> columns) =>
        columns.FirstOrDefault(c => c.Name == name) ?? columns.FirstOrDefault(c => c.Aliases.Contains(name));

    private static List<IReadOnlyDictionary<string, string?>> Sorted(string? s, IReadOnlyList<CatColumn> columns, IReadOnlyList<IReadOnlyDictionary<string, string?>> rows)
    {
        var result = rows.ToList();
        if (string.IsNullOrEmpty(s))
        {
            return result;
        }

        var keys = s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(key =>
        {
            var parts = key.Split(':');
            // RestTable throws UnsupportedOperationException, which the server answers with 500.
            var column = Find(parts[0], columns)
                ?? throw new EsErrorException(new EsError(500, "unsupported_operation_exception", $"Unable to sort by unknown sort key `{parts[0]}`"));
            return (column.Name, Descending: parts.Length > 1 && parts[1] == "desc");
        }).ToList();
        result.Sort((a, b) =>
        {
            foreach (var (name, descending) in keys)
            {
                var order = Compare(a.GetValueOrDefault(name), b.GetValueOrDefault(name));
                if (order != 0)
                {
                    return descending ? -order : order;
                }
            }

            return 0;
        });
        return result;
    }

    private static int Compare(string? a, string? b) =>
        decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(a, b);

    private static string Text(bool verbose, List<(string Key, CatColumn Column)> shown, List<IReadOnlyDictionary<string, string?>> rows)
    {
        var lines = rows.Select(r => shown.Select(s => r.GetValueOrDefault(s.Column.Name) ?? string.Empty).ToArray()).ToList();
        if (verbose)
        {
            lines.Insert(0, shown.Select(s => s.Key).ToArray());
        }

        var widths = Enumerable.Range(0, shown.Count).Select(i => lines.Count == 0 ? 0 : lines.Max(l => l[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.AppendJoin(' ', line.Select((cell, i) => cell.PadRight(widths[i]))).Append('\n');
        }

        return text.ToString();
    }
}
