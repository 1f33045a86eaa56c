namespace Serilog.Sinks.WorkflowTrace.Configuration;

/// <summary>
/// Builds the exceptions thrown for bad configuration: each names the setting (as the parameter name, which is
/// also the appsettings.json key) and the bad value, so the fix is obvious from the message alone.
/// </summary>
static class SettingException
{
    public static ArgumentException Invalid(string setting, string? shownValue, string why) =>
        new($"WorkflowTrace sink setting '{setting}' has an invalid value {Show(shownValue)}: {why}.", setting);

    public static ArgumentOutOfRangeException OutOfRange(string setting, object value, string why) =>
        new(setting, value, $"WorkflowTrace sink setting '{setting}' has an invalid value '{value}': {why}.");

    /// <summary>For secrets: the message names the setting but never the value.</summary>
    public static ArgumentException Secret(string setting, string why) =>
        new($"WorkflowTrace sink setting '{setting}' is invalid: {why}.", setting);

    static string Show(string? value) => value is null ? "(null)" : $"'{value}'";
}
