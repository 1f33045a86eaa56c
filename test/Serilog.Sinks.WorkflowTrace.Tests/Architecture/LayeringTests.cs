using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Serilog.Sinks.WorkflowTrace.Tests.Architecture;

/// <summary>
/// The sink's namespaces form layers, lowest first, and each may use only the layers before it: so the code
/// reads top to bottom and has no cycles. The order is the table in the README's Architecture section. The
/// dependencies are read from the compiled IL (NetArchTest, through Mono.Cecil), method bodies included.
/// </summary>
public class LayeringTests
{
    const string Root = "Serilog.Sinks.WorkflowTrace";

    static readonly Assembly Sink = typeof(WorkflowTraceSinkOptions).Assembly;

    /// <summary>
    /// Public types of the root namespace that only carry data (enums, settings values, snapshots): they have to
    /// stay where the public API put them, and every layer may speak in them.
    /// </summary>
    static readonly string[] ContractTypes =
    [
        nameof(WorkflowTraceBootstrapMode), nameof(WorkflowTraceNodeStatus), nameof(WorkflowTraceStatus),
        nameof(TraceExtras), nameof(TraceScopeKind), nameof(TraceScopeOutcome), nameof(WorkflowTraceBufferFullMode),
    ];

    static readonly Layer[] Layers =
    [
        new("FieldContract", Root + ".Contract"),
        new("Contract", Root, Only: ContractTypes),
        new("Configuration", Root + ".Configuration"),
        new("Diagnostics", Root + ".Diagnostics"),
        new("Capture", Root + ".Capture"),
        new("Transport", Root + ".Transport"),
        new("Mapping", Root + ".Mapping"),
        new("Buffering", Root + ".Buffering"),
        new("Bulk", Root + ".Bulk"),
        new("Bootstrap", Root + ".Bootstrap"),
        new("Delivery", Root + ".Delivery"),
        new("Pipeline", Root + ".Pipeline"),
        new("Tracing", Root + ".Tracing"),
        new("EntryPoints", Root, Except: ContractTypes),
        new("LoggerConfigurationExtensions", "Serilog"),
        new("AppSettingsBinding", Root + ".AppSettingsBinding"),
        new("Reading", Root + ".Reading"),
    ];

    static IEnumerable<TestCaseData> LayerPairs()
    {
        for (var low = 0; low < Layers.Length; low++)
        {
            for (var high = low + 1; high < Layers.Length; high++)
                yield return new TestCaseData(Layers[low], Layers[high]).SetName($"{Layers[low].Name} does not use {Layers[high].Name}");
        }
    }

    [TestCaseSource(nameof(LayerPairs))]
    public void A_lower_layer_does_not_use_a_higher_one(Layer lower, Layer higher)
    {
        var higherTypes = SinkTypes().Where(higher.Holds).Select(t => t.FullName!).ToArray();
        if (higherTypes.Length == 0)
            Assert.Ignore($"{higher.Name} ({higher.Namespace}) holds no type");

        var result = lower.Select().ShouldNot().HaveDependencyOnAny(higherTypes).GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty,
            $"types of {lower.Name} ({lower.Namespace}) that use {higher.Name} ({higher.Namespace})");
    }

    [Test]
    public void Every_namespace_of_the_sink_has_a_place_in_the_layers()
    {
        var unplaced = SinkTypes()
            .Where(t => !Layers.Any(l => l.Holds(t)))
            .Select(t => t.FullName)
            .ToList();

        Assert.That(unplaced, Is.Empty, "types outside every layer: add their namespace to the layer list and the README table");
    }

    [Test]
    public void Every_layer_holds_a_type()
    {
        var empty = Layers.Where(l => !SinkTypes().Any(l.Holds)).Select(l => l.Name).ToList();

        Assert.That(empty, Is.Empty, "layers that name a namespace no type lives in: remove them or correct the name");
    }

    [Test]
    public void Every_type_is_in_exactly_one_layer()
    {
        var twice = SinkTypes().Where(t => Layers.Count(l => l.Holds(t)) > 1).Select(t => t.FullName).ToList();

        Assert.That(twice, Is.Empty);
    }

    [Test]
    public void The_contract_types_exist_in_the_root_namespace_and_are_public()
    {
        var found = SinkTypes().Where(t => t.Namespace == Root && t.IsPublic).Select(t => t.Name).ToList();

        Assert.That(ContractTypes, Is.SubsetOf(found));
    }

    /// <summary>The sink's own top-level types: the compiler's attributes and helpers have namespaces of their own.</summary>
    static IEnumerable<Type> SinkTypes() =>
        Sink.GetTypes().Where(t => !t.IsNested && t.Namespace is { } ns && (ns == "Serilog" || ns == Root || ns.StartsWith(Root + ".", StringComparison.Ordinal)));

    /// <summary>
    /// The types of one namespace, or, for the root namespace, only the named ones (<paramref name="Only"/>) or
    /// all but those (<paramref name="Except"/>).
    /// </summary>
    public sealed record Layer(string Name, string Namespace, string[]? Only = null, string[]? Except = null)
    {
        public bool Holds(Type type) =>
            type.Namespace == Namespace
            && (Only is null || Only.Contains(type.Name))
            && (Except is null || !Except.Contains(type.Name));

        public PredicateList Select()
        {
            var types = Types.InAssembly(Sink).That().ResideInNamespaceMatching($"^{Regex.Escape(Namespace)}$");
            if (Only is not null)
                return types.And().HaveNameMatching(NameAlternatives(Only));
            if (Except is not null)
                return types.And().DoNotHaveNameMatching(NameAlternatives(Except));
            return types;
        }

        static string NameAlternatives(string[] names) => $"^({string.Join('|', names.Select(Regex.Escape))})$";

        public override string ToString() => Name;
    }
}
