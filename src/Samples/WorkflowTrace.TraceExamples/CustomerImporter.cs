using Microsoft.Extensions.Logging;

namespace WorkflowTrace.TraceExamples;

/// <summary>Knows nothing of traces: it logs through <see cref="ILogger{T}"/>, as any service does.</summary>
sealed class CustomerImporter(ILogger<CustomerImporter> logger)
{
    public async Task<int> ImportAsync(string source)
    {
        logger.LogInformation("Importing customers from {Source}", source);
        await Task.Delay(20); // simulate the call to the source
        var count = source.Length * 100;
        logger.LogInformation("Imported {CustomerCount} customers from {Source}", count, source);
        return count;
    }
}
