using System.Text;
using Serilog.Sinks.WorkflowTrace.Bootstrap;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Bootstrap;

public class ServerInfoTests
{
    [TestCase("spec/_global.info/RootNodeInfoResponseExample1.json", "Elasticsearch", "9.1.0", true, true, true)]
    [TestCase("spec/_global.info/RootNodeInfoResponseExample2.json", "ElasticsearchServerless", "9.4.0", true, true, false)]
    [TestCase("hand-written/root-elasticsearch-7.7.1.json", "Elasticsearch", "7.7.1", false, false, true)]
    [TestCase("hand-written/root-elasticsearch-7.17.22.json", "Elasticsearch", "7.17.22", true, true, true)]
    [TestCase("hand-written/root-elasticsearch-8.15.3.json", "Elasticsearch", "8.15.3", true, true, true)]
    [TestCase("hand-written/root-opensearch-1.3.19.json", "OpenSearch", "1.3.19", true, true, true)]
    [TestCase("hand-written/root-opensearch-2.17.1.json", "OpenSearch", "2.17.1", true, true, true)]
    [TestCase("hand-written/root-opensearch-3.0.0.json", "OpenSearch", "3.0.0", true, true, true)]
    public void ARootResponseTellsTheKindVersionAndCapabilities(
        string fixture, string kind, string version, bool composable, bool dataStreams, bool shardSettings)
    {
        var server = ServerInfo.Parse(Fixture.Bytes(fixture));

        Assert.Multiple(() =>
        {
            Assert.That(server.Kind, Is.EqualTo(Enum.Parse<ServerKind>(kind)));
            Assert.That(server.Version, Is.EqualTo(Version.Parse(version)));
            Assert.That(server.SupportsComposableTemplates, Is.EqualTo(composable), "composable _index_template");
            Assert.That(server.SupportsDataStreams, Is.EqualTo(dataStreams), "data streams");
            Assert.That(server.AcceptsShardSettings, Is.EqualTo(shardSettings), "number_of_shards / number_of_replicas");
        });
    }

    [Test]
    public void OpenSearchIsRecognisedByItsDistributionEvenThoughItsVersionLooksLikeAnOldElasticsearch()
    {
        var server = ServerInfo.Parse(Fixture.Bytes("hand-written/root-opensearch-1.3.19.json"));

        Assert.That(server.Kind, Is.EqualTo(ServerKind.OpenSearch), "1.3 read as Elasticsearch would mean no composable templates");
        Assert.That(server.ToString(), Is.EqualTo("OpenSearch 1.3.19"));
    }

    [TestCase("7.7.1", false, false)]
    [TestCase("7.8.0", true, false)]
    [TestCase("7.9.0", true, true)]
    public void ElasticsearchGainsComposableTemplatesIn78AndDataStreamsIn79(string number, bool composable, bool dataStreams)
    {
        var server = ServerInfo.Parse(Root($$$"""{"version":{"number":"{{{number}}}","build_flavor":"default"}}"""));

        Assert.That(server.SupportsComposableTemplates, Is.EqualTo(composable));
        Assert.That(server.SupportsDataStreams, Is.EqualTo(dataStreams));
    }

    [Test]
    public void ASnapshotVersionIsReadWithoutItsSuffix()
    {
        var server = ServerInfo.Parse(Root("""{"version":{"number":"9.2.0-SNAPSHOT","build_flavor":"default","build_snapshot":true}}"""));

        Assert.That(server.Kind, Is.EqualTo(ServerKind.Elasticsearch));
        Assert.That(server.Version, Is.EqualTo(new Version(9, 2, 0)));
    }

    [TestCase("<html><body>502 Bad Gateway</body></html>", TestName = "{m}(an HTML page from a proxy)")]
    [TestCase("", TestName = "{m}(an empty body)")]
    [TestCase("""{"name":"node-1","tagline":"You Know, for Search"}""", TestName = "{m}(JSON without a version)")]
    [TestCase("""{"version":"8.15.3"}""", TestName = "{m}(a version that is not an object)")]
    [TestCase("""{"version":{"build_flavor":"default"}}""", TestName = "{m}(a version without a number)")]
    [TestCase("""{"version":{"number":8}}""", TestName = "{m}(a version number that is not a string)")]
    [TestCase("""{"version":{"number":"eight.fifteen","build_flavor":"default"}}""", TestName = "{m}(a version number that is not numeric)")]
    [TestCase("""{"version":{"number":"8..3","build_flavor":"default"}}""", TestName = "{m}(a version number with an empty part)")]
    [TestCase("""{"version":{"number":"-8.15.3","build_flavor":"default"}}""", TestName = "{m}(a version number with a sign)")]
    public void AnAnswerThatIsNotAKnownServersIsUnknown(string body)
    {
        var server = ServerInfo.Parse(Root(body));

        Assert.That(server, Is.EqualTo(ServerInfo.Unknown));
        Assert.That(server.SupportsComposableTemplates || server.SupportsDataStreams, Is.False);
    }

    static byte[] Root(string body) => Encoding.UTF8.GetBytes(body);
}
