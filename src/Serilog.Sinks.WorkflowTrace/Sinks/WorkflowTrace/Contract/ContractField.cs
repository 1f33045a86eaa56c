namespace Serilog.Sinks.WorkflowTrace.Contract;

/// <summary>One row of the field contract: a document field, how the index template maps it, and what fills it.</summary>
/// <param name="Field">The field.</param>
/// <param name="Name">Its name in the document (snake_case, exact).</param>
/// <param name="MappingType">Its Elasticsearch mapping type in the index template.</param>
/// <param name="Spellings">
/// The event property names that fill it: the contract's name first, then the PascalCase form the trace API writes,
/// then any other accepted one. Empty for a field no property fills.
/// </param>
/// <param name="Dynamic">Whether the template maps the field as <c>dynamic</c> (only <c>metadata</c>).</param>
sealed record ContractField(TraceField Field, string Name, string MappingType, string[] Spellings, bool Dynamic = false)
{
    /// <summary>Whether an event property can fill the field.</summary>
    public bool IsFromProperty => Spellings.Length > 0;

    /// <summary>The spelling the trace API writes its properties with (PascalCase, Serilog's convention).</summary>
    public string PropertyName => Spellings.Length > 1
        ? Spellings[1]
        : throw new InvalidOperationException($"No property fills the field '{Name}'.");
}
