using Serilog.Sinks.WorkflowTrace.AppSettingsBinding;

namespace Serilog.Sinks.WorkflowTrace.Reading;

/// <summary>
/// The <c>WORKFLOWTRACE_*</c> environment variables and the appsettings.json <c>Args</c> key each stands for: their
/// values go through the same conversion as appsettings.json (<see cref="AppSettingsArgs"/>), so they are written the
/// same way (durations <c>hh:mm:ss</c>, switches <c>true</c>/<c>false</c>). The README's table lists them.
/// </summary>
static class ConnectionVariables
{
    /// <summary>Variable name, and the <c>Args</c> key it sets.</summary>
    public static IReadOnlyList<(string Variable, string Setting)> All { get; } =
    [
        ("WORKFLOWTRACE_ES_URL", "hosts"),
        ("WORKFLOWTRACE_INDEX", "indexName"),
        ("WORKFLOWTRACE_DATA_STREAM", "dataStream"),
        ("WORKFLOWTRACE_USERNAME", "username"),
        ("WORKFLOWTRACE_PASSWORD", "password"),
        ("WORKFLOWTRACE_API_KEY", "apiKey"),
        ("WORKFLOWTRACE_API_KEY_ID", "apiKeyId"),
        ("WORKFLOWTRACE_BEARER_TOKEN", "bearerToken"),
        ("WORKFLOWTRACE_CA_CERTIFICATE", "caCertificatePath"),
        ("WORKFLOWTRACE_CERTIFICATE_FINGERPRINT", "certificateFingerprint"),
        ("WORKFLOWTRACE_VERIFY_CERTIFICATES", "verifyCertificates"),
        ("WORKFLOWTRACE_CLIENT_CERTIFICATE", "clientCertificatePath"),
        ("WORKFLOWTRACE_CLIENT_CERTIFICATE_PASSWORD", "clientCertificatePassword"),
        ("WORKFLOWTRACE_TIMEOUT", "timeout"),
        ("WORKFLOWTRACE_MAX_RETRIES", "maxRetries"),
        ("WORKFLOWTRACE_COMPRESS_REQUESTS", "compressRequests"),
    ];

    /// <summary>
    /// The options the variables describe; a variable that is absent or blank leaves its default. A bad value is
    /// refused with the sink's message, prefixed with the variable's name.
    /// </summary>
    public static WorkflowTraceSinkOptions Read(Func<string, string?> variable)
    {
        var given = All
            .Select(v => (v.Variable, v.Setting, Value: variable(v.Variable)))
            .Where(v => !string.IsNullOrWhiteSpace(v.Value))
            .ToDictionary(v => v.Setting, v => (v.Variable, v.Value), StringComparer.Ordinal);
        try
        {
            var options = AppSettingsArgs.Bind(parameter => given.TryGetValue(parameter.Name!, out var value) ? value.Value : null);
            _ = options.BuildSettings();
            return options;
        }
        catch (ArgumentException refused) when (refused.ParamName is { } setting && given.TryGetValue(setting, out var source))
        {
            throw new ArgumentException($"Environment variable {source.Variable}: {WithoutParameterName(refused)}", source.Variable, refused);
        }
    }

    // ArgumentException.Message ends with " (Parameter 'name')"; the new exception adds its own.
    static string WithoutParameterName(ArgumentException refused)
    {
        var suffix = $" (Parameter '{refused.ParamName}')";
        return refused.Message.EndsWith(suffix, StringComparison.Ordinal) ? refused.Message[..^suffix.Length] : refused.Message;
    }
}
