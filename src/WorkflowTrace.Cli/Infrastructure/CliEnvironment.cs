namespace WorkflowTrace.Cli.Infrastructure;

/// <summary>Where the tool reads environment variables and the current directory from: the process, or a test's values.</summary>
sealed class CliEnvironment
{
    readonly IReadOnlyDictionary<string, string?>? _variables;

    public CliEnvironment(IReadOnlyDictionary<string, string?>? variables = null, string? currentDirectory = null, TextWriter? error = null)
    {
        _variables = variables;
        CurrentDirectory = currentDirectory ?? Environment.CurrentDirectory;
        Error = error ?? Console.Error;
    }

    /// <summary>Standard error: failures, warnings and <c>--verbose</c> output go here, never into the data on standard output.</summary>
    public TextWriter Error { get; }

    public string CurrentDirectory { get; }

    public string? Variable(string name) =>
        _variables is null ? Environment.GetEnvironmentVariable(name) : _variables.GetValueOrDefault(name);

    /// <summary>The variables as a dictionary, for the reader's <c>FromEnvironment</c>.</summary>
    public IReadOnlyDictionary<string, string?> Variables(IEnumerable<string> names) =>
        names.ToDictionary(n => n, Variable);
}
