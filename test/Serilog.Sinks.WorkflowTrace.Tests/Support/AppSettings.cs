using System.Text;
using Microsoft.Extensions.Configuration;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>Builds a logger from real appsettings.json text, as an application would.</summary>
static class AppSettings
{
    public static IConfiguration Parse(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    /// <summary>A Serilog section with one WorkflowTrace sink whose Args are the given JSON object text.</summary>
    public static string WithArgs(string argsJson, string minimumLevel = "Verbose") => $$"""
        {
          "Serilog": {
            "Using": [ "Serilog.Sinks.WorkflowTrace" ],
            "MinimumLevel": "{{minimumLevel}}",
            "WriteTo": [ { "Name": "WorkflowTrace", "Args": {{argsJson}} } ]
          }
        }
        """;

    public static Serilog.Core.Logger CreateLogger(string json) =>
        new LoggerConfiguration().ReadFrom.Configuration(Parse(json)).CreateLogger();
}
