using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Tests.Support;
using Serilog.Sinks.WorkflowTrace.TestServer;

namespace Serilog.Sinks.WorkflowTrace.Tests.Configuration;

/// <summary>
/// The README's appsettings.json example, read as the README says: <c>%ES_PASSWORD%</c> comes from the environment
/// when the variable is set, and is sent as it stands when it is not.
/// </summary>
[NonParallelizable]
public class ReadmeAppSettingsTests
{
    const string Variable = "ES_PASSWORD";

    /// <summary>The README's example with its hosts pointed at the loopback server.</summary>
    static string ReadmeExample(Uri url)
    {
        var root = RepositoryRoot.Find();
        Assert.That(root, Is.Not.Null, "the tests run inside the repository");
        var readme = File.ReadAllText(Path.Combine(root!.FullName, "README.md"));
        var section = readme[readme.IndexOf("## Use it from appsettings.json", StringComparison.Ordinal)..];
        var start = section.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        var json = JsonNode.Parse(section[start..section.IndexOf("```", start, StringComparison.Ordinal)])!;
        var args = json["Serilog"]!["WriteTo"]![0]!["Args"]!;
        Assert.That(args["password"]!.GetValue<string>(), Is.EqualTo($"%{Variable}%"), "the example the README explains");
        args["hosts"] = url.ToString();
        return json.ToJsonString();
    }

    static async Task<string> PasswordSent(string? variableValue)
    {
        var before = Environment.GetEnvironmentVariable(Variable);
        Environment.SetEnvironmentVariable(Variable, variableValue);
        try
        {
            await using var server = await FakeElasticsearch.StartAsync();
            using (var logger = AppSettings.CreateLogger(ReadmeExample(server.Url)))
                logger.Information("from the README's configuration");
            var header = AuthenticationHeaderValue.Parse(BulkRequests.Of(server).First().Headers["Authorization"]);
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!));
            Assert.That(credentials, Does.StartWith("elastic:"));
            return credentials["elastic:".Length..];
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, before);
        }
    }

    [Test]
    public async Task ThePasswordComesFromTheEnvironmentVariable() =>
        Assert.That(await PasswordSent("from-the-environment"), Is.EqualTo("from-the-environment"));

    [Test]
    public async Task AnUnsetVariableIsSentAsItStands() =>
        Assert.That(await PasswordSent(null), Is.EqualTo($"%{Variable}%"));
}
