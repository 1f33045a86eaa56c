using Microsoft.Extensions.Configuration;
using Serilog;

namespace ReadmeSnippets;

/// <summary>README.md, "Use it from appsettings.json".</summary>
static class FromAppSettings
{
    public static void Configure(IConfiguration configuration)
    {
        Log.Logger = new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger();
    }
}
