using Microsoft.Extensions.Configuration;
using Serilog;

namespace ReadmeSnippets;

/// <summary>README.md, "Use it from appsettings.json".</summary>
static class FromAppSettings
{
    public static void Configure()
    {
        // using Microsoft.Extensions.Configuration; using Serilog;
        Serilog.Debugging.SelfLog.Enable(Console.Error); // the sink's reports: refused credentials, undelivered events, ...

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json")
            .AddEnvironmentVariables()
            .Build();

        Log.Logger = new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger();
    }
}
