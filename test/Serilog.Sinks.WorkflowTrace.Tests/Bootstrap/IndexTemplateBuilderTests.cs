using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serilog.Sinks.WorkflowTrace.Bootstrap;
using Serilog.Sinks.WorkflowTrace.Contract;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Bootstrap;

public class IndexTemplateBuilderTests
{
    const string GoldenFolder = "golden/templates";
    const string GoldenSourceFolder = "test/Serilog.Sinks.WorkflowTrace.Tests/Fixtures/golden/templates";

    static readonly IndexTemplateOptions Plain = new() { Name = "workflow-traces", Patterns = ["workflow-traces*"] };
    static readonly IndexTemplateOptions DataStream = Plain with { DataStream = true };

    static readonly string[] AllCases =
    [
        "elasticsearch-9.1-index",
        "elasticsearch-9.1-data-stream",
        "elasticsearch-7.7-legacy-index",
        "elasticsearch-serverless-index",
        "elasticsearch-serverless-data-stream",
        "opensearch-2.17-index",
        "opensearch-2.17-data-stream",
    ];

    static readonly string[] ComposableCases = AllCases.Where(c => !c.Contains("legacy")).ToArray();

    [TestCaseSource(nameof(AllCases))]
    public void TheTemplateBodyIsTheReviewedGoldenFile(string templateCase)
    {
        var received = JsonNode.Parse(Build(templateCase).Body)!;
        var goldenPath = Fixture.Path($"{GoldenFolder}/{templateCase}.json");
        var golden = File.Exists(goldenPath) ? JsonNode.Parse(File.ReadAllText(goldenPath)) : null;

        if (!JsonNode.DeepEquals(received, golden))
        {
            var receivedPath = Path.Combine(TestContext.CurrentContext.WorkDirectory, "golden-received", $"{templateCase}.json");
            Directory.CreateDirectory(Path.GetDirectoryName(receivedPath)!);
            File.WriteAllText(receivedPath, received.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            TestContext.AddTestAttachment(receivedPath, "the body the builder produced");
            var source = RepositoryRoot.Find() is { } root
                ? Path.Combine(root.FullName, GoldenSourceFolder, $"{templateCase}.json")
                : $"{GoldenSourceFolder}/{templateCase}.json";
            Assert.Fail(
                $"The {templateCase} template differs from its golden file{(golden is null ? " (which does not exist yet)" : "")}.\n" +
                $"Received: {receivedPath}\n" +
                $"If the change is intended, review the received body against shared/field-contract.md and " +
                $"shared/elasticsearch-protocol.md, then copy it over the golden file:\n  cp '{receivedPath}' '{source}'");
        }
    }

    [TestCaseSource(nameof(AllCases))]
    public void TheMappingIsExactlyTheFieldContract(string templateCase)
    {
        var dataStream = templateCase.EndsWith("data-stream", StringComparison.Ordinal);
        var mappings = Mappings(Body(Build(templateCase)));
        var properties = mappings["properties"]!.AsObject();

        var expected = ContractFields().Select(f => f.Field).Append("@timestamp").Order(StringComparer.Ordinal);
        Assert.That(properties.Select(p => p.Key).Order(StringComparer.Ordinal), Is.EqualTo(expected));

        Assert.Multiple(() =>
        {
            foreach (var (field, type) in ContractFields().Where(f => f.Field != "metadata"))
                AssertJson(properties[field], new JsonObject { ["type"] = type }, field);

            AssertJson(properties["metadata"], new JsonObject { ["type"] = "object", ["dynamic"] = true }, "metadata is the only dynamic part");
            AssertJson(properties["@timestamp"], dataStream
                    ? new JsonObject { ["type"] = "date" }
                    : new JsonObject { ["type"] = "alias", ["path"] = "datetime" },
                dataStream ? "a data stream needs a real @timestamp date" : "a plain index gets @timestamp as an alias of datetime");
            Assert.That(mappings["dynamic"]?.GetValueKind(), Is.EqualTo(JsonValueKind.False), "unknown top-level fields are not mapped");
        });
    }

    [TestCase("elasticsearch-9.1-index")]
    [TestCase("elasticsearch-9.1-data-stream")]
    [TestCase("elasticsearch-7.7-legacy-index")]
    [TestCase("opensearch-2.17-index")]
    public void TheSeedsSettingsAreTheDefaults(string templateCase)
    {
        var body = Body(Build(templateCase));

        AssertJson(Settings(body), Index(shards: 1, replicas: 0, refresh: "1s"));
    }

    [TestCase("elasticsearch-9.1")]
    [TestCase("elasticsearch-7.7-legacy")]
    [TestCase("opensearch-2.17")]
    public void SettingsComeFromTheOptions(string server)
    {
        var options = Plain with { Shards = 3, Replicas = 2, RefreshInterval = "30s" };

        var body = Body(IndexTemplateBuilder.Build(Server(server), options));

        AssertJson(Settings(body), Index(shards: 3, replicas: 2, refresh: "30s"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void ServerlessGetsNoSettingsBecauseItManagesShardsItself(bool dataStream)
    {
        var options = Plain with { Shards = 3, Replicas = 2, RefreshInterval = "30s", DataStream = dataStream };

        var body = Body(IndexTemplateBuilder.Build(Server("elasticsearch-serverless"), options));

        Assert.That(body["template"]!.AsObject().ContainsKey("settings"), Is.False);
        Assert.That(body["template"]!.AsObject().ContainsKey("mappings"), Is.True);
    }

    [TestCase("elasticsearch-9.1", true)]
    [TestCase("elasticsearch-9.1", false)]
    [TestCase("elasticsearch-7.7-legacy", false)]
    public void AnIlmPolicyIsNamedInTheIndexSettings(string server, bool dataStream)
    {
        var options = Plain with { LifecyclePolicyName = "workflow-traces-policy", DataStream = dataStream };

        var body = Body(IndexTemplateBuilder.Build(Server(server), options));

        AssertJson(Settings(body)?["index"]?["lifecycle"], new JsonObject { ["name"] = "workflow-traces-policy" });
    }

    [Test]
    public void AServerlessDataStreamCarriesItsRetentionAsADataStreamLifecycle()
    {
        var body = Body(IndexTemplateBuilder.Build(Server("elasticsearch-serverless"), DataStream with { DataRetention = "30d" }));

        AssertJson(body["template"]!["lifecycle"], new JsonObject { ["data_retention"] = "30d" });
        Assert.That(body["template"]!.AsObject().ContainsKey("settings"), Is.False);
    }

    [Test]
    public void WithoutLifecycleOptionsTheTemplateNamesNoLifecycle()
    {
        var body = Body(IndexTemplateBuilder.Build(Server("elasticsearch-9.1"), DataStream));

        Assert.That(body["template"]!.AsObject().ContainsKey("lifecycle"), Is.False);
        Assert.That(body["template"]!["settings"]!["index"]!.AsObject().ContainsKey("lifecycle"), Is.False);
    }

    [Test]
    public void ALegacyTemplateHasOrderAndItsMetaInsideTheMappings()
    {
        var request = IndexTemplateBuilder.Build(Server("elasticsearch-7.7-legacy"), Plain with { Priority = 150 });
        var body = Body(request);

        Assert.Multiple(() =>
        {
            Assert.That(request.IsLegacy, Is.True);
            Assert.That(body.Select(p => p.Key), Is.EquivalentTo(new[] { "index_patterns", "order", "version", "settings", "mappings" }));
            Assert.That(body["order"]!.GetValue<int>(), Is.EqualTo(150), "order is the priority");
            AssertJson(body["index_patterns"], new JsonArray("workflow-traces*"));
            Assert.That(body["version"]!.GetValue<int>(), Is.EqualTo(IndexTemplateBuilder.FormatVersion));
            AssertJson(body["mappings"]!["_meta"], Meta(request.ContentHash), "legacy templates have no top-level _meta");
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public void AComposableTemplateHasPriorityVersionAndTopLevelMeta(bool dataStream)
    {
        var request = IndexTemplateBuilder.Build(Server("elasticsearch-9.1"), Plain with { Priority = 150, DataStream = dataStream });
        var body = Body(request);

        string[] keys = ["index_patterns", "priority", "version", "template", "_meta"];
        Assert.Multiple(() =>
        {
            Assert.That(request.IsLegacy, Is.False);
            Assert.That(body.Select(p => p.Key), Is.EquivalentTo(dataStream ? keys.Append("data_stream") : keys));
            Assert.That(body["priority"]!.GetValue<int>(), Is.EqualTo(150));
            AssertJson(body["index_patterns"], new JsonArray("workflow-traces*"));
            Assert.That(body["version"]!.GetValue<int>(), Is.EqualTo(IndexTemplateBuilder.FormatVersion));
            AssertJson(body["_meta"], Meta(request.ContentHash));
            Assert.That(body["template"]!["mappings"]!.AsObject().ContainsKey("_meta"), Is.False);
            if (dataStream)
                AssertJson(body["data_stream"], new JsonObject());
        });
    }

    [Test]
    public void TheDefaultPriorityIsAboveElasticsearchsBuiltInLogsTemplate()
    {
        var body = Body(IndexTemplateBuilder.Build(Server("elasticsearch-9.1"), Plain));

        Assert.That(body["priority"]!.GetValue<int>(), Is.GreaterThan(100), "logs-*-* is installed at priority 100");
    }

    [TestCaseSource(nameof(AllCases))]
    public void TheContentHashIsTheSha256OfTheBodyWithoutMeta(string templateCase)
    {
        var request = Build(templateCase);
        var body = Body(request);
        var metaOwner = request.IsLegacy ? body["mappings"]!.AsObject() : body;
        Assert.That(metaOwner.Remove("_meta"), Is.True);

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString())));

        Assert.That(request.ContentHash, Is.EqualTo(expected));
    }

    [Test]
    public void TheContentHashIsStableForTheSameInput()
    {
        var first = IndexTemplateBuilder.Build(Server("elasticsearch-9.1"), Plain);
        var second = IndexTemplateBuilder.Build(Server("elasticsearch-9.1"), new IndexTemplateOptions { Name = "workflow-traces", Patterns = ["workflow-traces*"] });

        Assert.That(second.ContentHash, Is.EqualTo(first.ContentHash));
        Assert.That(second.Body, Is.EqualTo(first.Body));
    }

    [Test]
    public void TheContentHashChangesWhenAnyOptionChanges()
    {
        var variants = new Dictionary<string, IndexTemplateOptions>
        {
            ["default"] = Plain,
            ["shards"] = Plain with { Shards = 2 },
            ["replicas"] = Plain with { Replicas = 1 },
            ["refresh interval"] = Plain with { RefreshInterval = "5s" },
            ["priority"] = Plain with { Priority = 201 },
            ["patterns"] = Plain with { Patterns = ["workflow-traces-*"] },
            ["more patterns"] = Plain with { Patterns = ["workflow-traces*", "other-traces*"] },
            ["data stream"] = DataStream,
            ["ILM policy"] = Plain with { LifecyclePolicyName = "workflow-traces-policy" },
            ["data retention"] = DataStream with { DataRetention = "30d" },
        };

        var hashes = variants.ToDictionary(v => v.Key, v => IndexTemplateBuilder.Build(Server("elasticsearch-9.1"), v.Value).ContentHash);

        Assert.That(hashes.Values, Is.Unique, string.Join("\n", hashes.Select(h => $"{h.Key}: {h.Value}")));
    }

    [TestCase("elasticsearch-9.1", "_index_template/workflow-traces")]
    [TestCase("elasticsearch-serverless", "_index_template/workflow-traces")]
    [TestCase("opensearch-2.17", "_index_template/workflow-traces")]
    [TestCase("elasticsearch-7.7-legacy", "_template/workflow-traces")]
    public void TheTemplateGoesToTheServersTemplateApi(string server, string path)
    {
        Assert.That(IndexTemplateBuilder.Build(Server(server), Plain).Path, Is.EqualTo(path));
    }

    [Test]
    public void ADataStreamOnElasticsearch77IsRefused()
    {
        Assert.That(() => IndexTemplateBuilder.Build(Server("elasticsearch-7.7-legacy"), DataStream), Throws.TypeOf<NotSupportedException>());
    }

    [TestCaseSource(nameof(ComposableCases))]
    public async Task AComposableBodyIsValidAgainstTheOfficialSchema(string templateCase)
    {
        var schema = await PutIndexTemplateSchema.LoadAsync();

        var errors = schema.Validate(Encoding.UTF8.GetString(Build(templateCase).Body));

        Assert.That(errors.Select(e => e.ToString()), Is.Empty);
    }

    [Test]
    public async Task BodiesWithALifecycleAreValidAgainstTheOfficialSchema()
    {
        var schema = await PutIndexTemplateSchema.LoadAsync();
        var withPolicy = IndexTemplateBuilder.Build(Server("elasticsearch-9.1"), DataStream with { LifecyclePolicyName = "workflow-traces-policy" });
        var withRetention = IndexTemplateBuilder.Build(Server("elasticsearch-serverless"), DataStream with { DataRetention = "30d" });

        Assert.That(schema.Validate(Encoding.UTF8.GetString(withPolicy.Body)).Select(e => e.ToString()), Is.Empty, "index.lifecycle.name");
        Assert.That(schema.Validate(Encoding.UTF8.GetString(withRetention.Body)).Select(e => e.ToString()), Is.Empty, "template.lifecycle");
    }

    [TestCase("priority", "\"high\"")]
    [TestCase("index_patterns", "5")]
    [TestCase("template.mappings.properties.run_id", """{"type":"keywrod"}""")]
    [TestCase("template.settings.index.refresh_interval", "5")]
    public async Task TheSchemaValidationCatchesABrokenBody(string property, string json)
    {
        var schema = await PutIndexTemplateSchema.LoadAsync();
        var body = Body(IndexTemplateBuilder.Build(Server("elasticsearch-9.1"), Plain));
        var segments = property.Split('.');
        var parent = segments[..^1].Aggregate((JsonNode)body, (node, segment) => node[segment]!);
        parent[segments[^1]] = JsonNode.Parse(json);

        var errors = schema.Validate(body.ToJsonString());

        Assert.That(errors, Is.Not.Empty, $"{property}: {json} should break the body");
        Assert.That(string.Join("\n", errors), Does.Contain(segments[^1]), "the error is about the broken property");
    }

    static IndexTemplateRequest Build(string templateCase)
    {
        var dataStream = templateCase.EndsWith("-data-stream", StringComparison.Ordinal);
        var server = templateCase[..templateCase.LastIndexOf(dataStream ? "-data-stream" : "-index", StringComparison.Ordinal)];
        return IndexTemplateBuilder.Build(Server(server), dataStream ? DataStream : Plain);
    }

    static ServerInfo Server(string name) => ServerInfo.Parse(Fixture.Bytes(name switch
    {
        "elasticsearch-9.1" => "spec/_global.info/RootNodeInfoResponseExample1.json",
        "elasticsearch-serverless" => "spec/_global.info/RootNodeInfoResponseExample2.json",
        "elasticsearch-7.7-legacy" => "hand-written/root-elasticsearch-7.7.1.json",
        "opensearch-2.17" => "hand-written/root-opensearch-2.17.1.json",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no root response for that server"),
    }));

    // The one declaration of the contract, which TraceContractTests checks against shared/field-contract.md.
    static List<(string Field, string Type)> ContractFields() => TraceContract.Fields.Select(f => (f.Name, f.MappingType)).ToList();

    static JsonObject Body(IndexTemplateRequest request) => JsonNode.Parse(request.Body)!.AsObject();

    static JsonObject Mappings(JsonObject body) => (body["template"]?["mappings"] ?? body["mappings"])!.AsObject();

    static JsonNode? Settings(JsonObject body) => body["template"] is { } template ? template["settings"] : body["settings"];

    static JsonObject Index(int shards, int replicas, string refresh) => new()
    {
        ["index"] = new JsonObject
        {
            ["number_of_shards"] = shards,
            ["number_of_replicas"] = replicas,
            ["refresh_interval"] = refresh,
        },
    };

    static JsonObject Meta(string hash) => new()
    {
        ["managed_by"] = "Serilog.Sinks.WorkflowTrace",
        ["format_version"] = IndexTemplateBuilder.FormatVersion,
        ["content_hash"] = hash,
    };

    static void AssertJson(JsonNode? actual, JsonNode expected, string? message = null) =>
        Assert.That(JsonNode.DeepEquals(actual, expected), Is.True,
            $"{(message is null ? "" : message + ": ")}expected {expected.ToJsonString()} but was {actual?.ToJsonString() ?? "nothing"}");
}
