using System.Text.Json;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>Serilog levels as the contract names them, and the default <c>mode</c> of each.</summary>
static class LevelNames
{
    static readonly JsonEncodedText[] Names =
    [
        JsonEncodedText.Encode("trace"),
        JsonEncodedText.Encode("debug"),
        JsonEncodedText.Encode("info"),
        JsonEncodedText.Encode("warning"),
        JsonEncodedText.Encode("error"),
        JsonEncodedText.Encode("critical"),
    ];

    static readonly JsonEncodedText Stdout = JsonEncodedText.Encode("stdout");
    static readonly JsonEncodedText Stderr = JsonEncodedText.Encode("stderr");

    public static JsonEncodedText Name(LogEventLevel level) =>
        (uint)level < (uint)Names.Length ? Names[(int)level] : Names[(int)LogEventLevel.Information];

    public static JsonEncodedText DefaultMode(LogEventLevel level) =>
        level >= LogEventLevel.Error ? Stderr : Stdout;
}
