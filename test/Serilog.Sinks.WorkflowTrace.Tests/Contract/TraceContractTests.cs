using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Contract;
using Serilog.Sinks.WorkflowTrace.Mapping;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Contract;

/// <summary>
/// The one declaration of the field contract (<see cref="TraceContract"/>) is the contract's table: the same fields,
/// in the same order, with the same template types; the writer emits exactly those fields; every accepted property
/// spelling fills its field.
/// </summary>
public class TraceContractTests
{
    // The field contract's table (shared/field-contract.md), its first two columns copied as they stand there.
    internal const string ContractTable = """
        | `run_id` | keyword |
        | `parent_run_id` | keyword |
        | `level` | keyword |
        | `message` | text |
        | `mode` | keyword |
        | `datetime` | date |
        | `process` | integer |
        | `thread` | long |
        | `filename` | keyword |
        | `lineno` | integer |
        | `cut_id` | keyword |
        | `workflow_name` | keyword |
        | `stage_name` | keyword |
        | `job_name` | keyword |
        | `duration_ms` | float |
        | `memory_usage_mb` | float |
        | `cpu_usage_percent` | float |
        | `trace_id` | keyword |
        | `span_id` | keyword |
        | `parent_span_id` | keyword |
        | `exception_type` | keyword |
        | `exception_message` | text |
        | `stack_trace` | text |
        | `error_code` | keyword |
        | `user_id` | keyword |
        | `tenant_id` | keyword |
        | `environment` | keyword |
        | `hostname` | keyword |
        | `ip_address` | ip |
        | `python_version` | keyword |
        | `runtime_version` | keyword |
        | `package_version` | keyword |
        | `tags` | keyword (array) |
        | `metadata` | object |
        | `created_at` | date |
        """;

    /// <summary>The copied table's rows: field name and template type (the "(array)" note is not part of the type).</summary>
    internal static List<(string Field, string Type)> ContractFields() =>
        ContractTable.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(row => row.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(cells => (cells[0].Trim('`'), cells[1].Split(' ')[0]))
            .ToList();

    [Test]
    public void TheCopiedContractTableHasAllThirtyFiveFields()
    {
        var fields = ContractFields();

        Assert.That(fields, Has.Count.EqualTo(35));
        Assert.That(fields.Select(f => f.Field), Is.Unique);
        Assert.That(fields.Single(f => f.Field == "tags").Type, Is.EqualTo("keyword"), "the (array) note is not part of the type");
    }

    [Test]
    public void TheDeclaredTableIsTheContractsTableInItsOrder()
    {
        var declared = TraceContract.Fields.Select(f => (f.Name, f.MappingType)).ToList();
        Assert.That(declared, Is.EqualTo(ContractFields()));
    }

    [Test]
    public void EachRowSitsAtTheIndexOfItsField()
    {
        Assert.That(TraceContract.Fields.Select(f => (int)f.Field), Is.EqualTo(Enumerable.Range(0, Enum.GetValues<TraceField>().Length)));
    }

    [Test]
    public void OnlyMetadataIsDynamic()
    {
        Assert.That(TraceContract.Fields.Where(f => f.Dynamic).Select(f => f.Name), Is.EqualTo(new[] { "metadata" }));
    }

    [Test]
    public void EveryPropertyFieldAcceptsItsContractNameFirstAndItsPascalCaseForm()
    {
        Assert.Multiple(() =>
        {
            foreach (var field in TraceContract.Fields.Where(f => f.IsFromProperty))
            {
                Assert.That(field.Spellings[0], Is.EqualTo(field.Name), field.Name);
                var pascal = string.Concat(field.Name.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
                Assert.That(field.Spellings, Does.Contain(pascal), field.Name);
            }
            Assert.That(TraceContract.Fields.SelectMany(f => f.Spellings), Is.Unique, "a spelling fills one field only");
        });
    }

    [Test]
    public void TheWriterEmitsExactlyTheTablesFieldsInItsOrder()
    {
        var host = new HostFacts
        {
            ProcessId = 4242,
            Hostname = "host-1",
            IpAddress = "192.0.2.10",
            RuntimeVersion = ".NET 10.0.0",
            EntryAssemblyVersion = "1.2.3",
            EnvironmentName = "production",
        };
        using var probe = DocumentProbe.Create(host: host);
        var log = probe.Logger;
        foreach (var field in TraceContract.Fields.Where(f => f.IsFromProperty))
            log = log.ForContext(field.Name, SampleValue(field));
        log.Error(new InvalidOperationException("boom"), "Processing {Count} records", 3);

        var names = probe.Single().EnumerateObject().Select(p => p.Name).ToList();

        Assert.That(names, Is.EqualTo(TraceContract.Fields.Select(f => f.Name)));
    }

    static IEnumerable<TestCaseData> Spellings() =>
        TraceContract.Fields.Where(f => f.IsFromProperty)
            .SelectMany(f => f.Spellings.Select(s => new TestCaseData(f.Name, s).SetArgDisplayNames($"{s} fills {f.Name}")));

    [TestCaseSource(nameof(Spellings))]
    public void EveryAcceptedSpellingFillsItsFieldAndIsNotRepeatedInMetadata(string fieldName, string spelling)
    {
        var field = TraceContract.Fields.Single(f => f.Name == fieldName);
        using var probe = DocumentProbe.Create();
        probe.Logger.ForContext(spelling, SampleValue(field)).Information("x");
        var document = probe.Single();

        Assert.That(document.TryGetProperty(fieldName, out var value), Is.True, $"{spelling} leaves {fieldName} out");
        Assert.That(Text(value), Is.EqualTo(ExpectedText(field)));
        Assert.That(document.GetProperty("metadata").TryGetProperty(spelling, out _), Is.False, $"metadata.{spelling} repeats the field");
    }

    // A value of the field's type; a file name with directories, which the field keeps without them.
    static object SampleValue(ContractField field) => field.Field switch
    {
        TraceField.Filename => "src/app/Program.cs",
        TraceField.Tags => new[] { "tag-a" },
        _ => field.MappingType switch
        {
            "integer" => 42,
            "float" => 1.5,
            _ => $"{field.Name}-value",
        },
    };

    static string ExpectedText(ContractField field) => field.Field switch
    {
        TraceField.Filename => "Program.cs",
        TraceField.Tags => "tag-a",
        _ => field.MappingType switch
        {
            "integer" => "42",
            "float" => "1.5",
            _ => $"{field.Name}-value",
        },
    };

    static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? string.Join(",", value.EnumerateArray().Select(e => e.ToString())) : value.ToString();
}
