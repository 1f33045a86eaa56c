namespace WorkflowTrace.Cli.Infrastructure;

/// <summary>One effective connection setting, where it came from, and its value as shown (secrets masked).</summary>
/// <param name="Setting">The sink's appsettings.json key (<c>hosts</c>, <c>username</c>, ...).</param>
/// <param name="Value">The value as shown: secrets as <c>***</c>, credentials in URLs removed.</param>
/// <param name="Source">Where it came from: a flag, an environment variable, the config file, or the default.</param>
sealed record SettingSource(string Setting, string Value, string Source);
