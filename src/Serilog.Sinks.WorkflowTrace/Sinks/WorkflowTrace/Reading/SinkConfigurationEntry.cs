using System.Reflection;
using Microsoft.Extensions.Configuration;
using Serilog.Sinks.WorkflowTrace.AppSettingsBinding;
using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// Finds the sink's entry in a Serilog configuration section and reads its <c>Args</c> as Serilog.Settings.Configuration
/// hands them to the sink: <c>WriteTo</c> as an array or as an object of named entries, an entry as
/// <c>{"Name": "WorkflowTrace", "Args": {...}}</c> or as the bare string <c>"WorkflowTrace"</c>; the method name matched
/// exactly (as Serilog.Settings.Configuration matches it: <c>"workflowTrace"</c> configures no sink there) and the
/// argument names case-insensitively; <c>%VARIABLE%</c> in a value expanded from the environment.
/// </summary>
static class SinkConfigurationEntry
{
    public const string SinkName = "WorkflowTrace";

    /// <summary>
    /// The <c>Args</c> of the one WorkflowTrace entry of <c>{section}:WriteTo</c>, or of <paramref name="section"/> itself
    /// when it is such an entry (the way to choose among several); null when the entry has no <c>Args</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such entry, or several.</exception>
    public static IConfigurationSection? FindArgs(IConfiguration configuration, string section)
    {
        var root = configuration.GetSection(section);
        if (IsSinkEntry(root))
            return Args(root);

        var writeTo = root.GetSection("WriteTo");
        var entries = writeTo.GetChildren().ToList();
        var matches = entries.Where(IsSinkEntry).ToList();
        if (matches.Count == 1)
            return Args(matches[0]);
        if (matches.Count > 1)
        {
            throw new InvalidOperationException(
                $"Configuration section '{writeTo.Path}' has {matches.Count} WorkflowTrace entries ({string.Join(", ", matches.Select(m => m.Path))}); " +
                $"pass the path of the one to use as the section, e.g. \"{matches[^1].Path}\".");
        }

        throw new InvalidOperationException(Missing(root, writeTo, entries));
    }

    /// <summary>The options <paramref name="args"/> describe, converted exactly as the sink's appsettings.json entry converts them.</summary>
    public static WorkflowTraceSinkOptions Read(IConfigurationSection? args) =>
        AppSettingsArgs.Bind(parameter => args is null ? null : Value(args.GetSection(parameter.Name!), parameter));

    static object? Value(IConfigurationSection arg, ParameterInfo parameter)
    {
        var children = arg.GetChildren().ToList();
        if (parameter.ParameterType == typeof(string[]))
        {
            if (arg.Value is not null)
                throw SettingException.Secret(parameter.Name!, "it must be a list (a JSON array of strings), not a single value");
            return children.Count == 0 ? null : children.Select(c => Environment.ExpandEnvironmentVariables(c.Value ?? "")).ToArray();
        }

        if (children.Count > 0)
            throw SettingException.Secret(parameter.Name!, "it must be a single value, not a list or an object");
        return arg.Value is null ? null : Environment.ExpandEnvironmentVariables(arg.Value);
    }

    static bool IsSinkEntry(IConfigurationSection entry) =>
        string.Equals(entry.Value ?? entry["Name"], SinkName, StringComparison.Ordinal);

    static IConfigurationSection? Args(IConfigurationSection entry)
    {
        var args = entry.GetSection("Args");
        return args.Exists() ? args : null;
    }

    static string Missing(IConfigurationSection root, IConfigurationSection writeTo, IReadOnlyList<IConfigurationSection> entries)
    {
        if (!root.Exists())
            return $"Configuration has no section '{root.Path}', so it has no WorkflowTrace sink entry to read the connection from. " +
                   "Pass the section that holds Serilog's settings (default \"Serilog\").";
        if (entries.Count == 0)
            return $"Configuration section '{root.Path}' has no WriteTo entries, so no WorkflowTrace sink entry to read the connection from. " +
                   $"Add {{ \"Name\": \"{SinkName}\", \"Args\": {{ \"hosts\": \"...\" }} }} to '{writeTo.Path}'.";

        var names = entries.Select(e => e.Value ?? e["Name"] ?? "(no Name)").ToList();
        var nearMiss = names.FirstOrDefault(n => string.Equals(n, SinkName, StringComparison.OrdinalIgnoreCase));
        var message = $"Configuration section '{writeTo.Path}' has no entry named \"{SinkName}\" (its entries: {string.Join(", ", names.Select(n => $"\"{n}\""))}).";
        return nearMiss is null
            ? message
            : message + $" \"{nearMiss}\" differs only in case: Serilog.Settings.Configuration matches the name exactly, so it configures no sink either; write \"{SinkName}\".";
    }
}
