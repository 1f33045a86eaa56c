using System.Text;
using Serilog.Sinks.WorkflowTrace.Bootstrap;

namespace Serilog.Sinks.WorkflowTrace.Tests.Bootstrap;

/// <summary>Odd root answers never throw, and servers older than the sink supports are recognised as such.</summary>
public class ServerSupportTests
{
    static ServerInfo Parse(string json) => ServerInfo.Parse(Encoding.UTF8.GetBytes(json));

    [TestCase("""{"version":{"number":"8.15.3","distribution":5}}""")]
    [TestCase("""{"version":{"number":"8.15.3","build_flavor":["serverless"]}}""")]
    public void AFlavourOrDistributionThatIsNotTextIsIgnoredNotThrown(string json)
    {
        var server = Parse(json);
        Assert.That(server.Kind, Is.EqualTo(ServerKind.Elasticsearch));
        Assert.That(server.Version, Is.EqualTo(new Version(8, 15, 3)));
    }

    [TestCase("6.8.23", false)]
    [TestCase("7.0.0", true)]
    [TestCase("9.1.0", true)]
    public void ElasticsearchBefore7IsNotSupported(string version, bool supported) =>
        Assert.That(Parse("{\"version\":{\"number\":\"" + version + "\",\"build_flavor\":\"default\"}}").IsSupported, Is.EqualTo(supported));

    [Test]
    public void AnUnknownServerIsNotSupported() => Assert.That(ServerInfo.Unknown.IsSupported, Is.False);
}
