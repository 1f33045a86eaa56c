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

    /// <summary>
    /// For a value that may hold a secret: the message says where in the value the problem is
    /// (<paramref name="where"/>, e.g. "entry 2 of 3") but shows none of it.
    /// </summary>
    public static ArgumentException Concealed(string setting, string where, string why) =>
        new($"WorkflowTrace sink setting '{setting}' has an invalid value at {where} (not shown, as the value holds credentials): {why}.", setting);

    static string Show(string? value) => value is null ? "(null)" : $"'{value}'";
}
