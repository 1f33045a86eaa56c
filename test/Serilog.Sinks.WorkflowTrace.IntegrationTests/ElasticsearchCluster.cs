using System.Net.Http.Json;
using System.Text.Json;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace Serilog.Sinks.WorkflowTrace.IntegrationTests;

/// <summary>
/// The real cluster the suite runs against: the one named by <c>WORKFLOWTRACE_ES_URL</c>, or else a single-node
/// Elasticsearch started with Testcontainers when Docker is available. When neither is, every test is ignored
/// with the reason, so the suite never passes without having talked to Elasticsearch.
/// </summary>
[SetUpFixture]
public sealed class ElasticsearchCluster
{
    public const string UrlVariable = "WORKFLOWTRACE_ES_URL";
    const string Image = "docker.elastic.co/elasticsearch/elasticsearch:8.15.3";

    static IContainer? _container;
    static Uri? _url;
    static string _unavailableReason = "not started";

    public static HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(UrlVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _url = new Uri(configured.TrimEnd('/') + "/");
            if (!await AnswersAsync(_url))
            {
                _unavailableReason = $"{UrlVariable}={configured} is set but no Elasticsearch answered there";
                _url = null;
            }
            TestContext.Progress.WriteLine(_url is null
                ? $"Real-cluster tests will be skipped: {_unavailableReason}."
                : $"Real-cluster tests run against {_url}");
            return;
        }

        try
        {
            _container = new ContainerBuilder(Image)
                .WithEnvironment("discovery.type", "single-node")
                .WithEnvironment("xpack.security.enabled", "false")
                .WithEnvironment("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                .WithPortBinding(9200, true)
                .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(9200).ForPath("/_cluster/health")))
                .Build();
            using var startTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await _container.StartAsync(startTimeout.Token);
            _url = new Uri($"http://{_container.Hostname}:{_container.GetMappedPublicPort(9200)}/");
        }
        catch (Exception ex)
        {
            _unavailableReason = $"no Docker engine to start Elasticsearch with ({ex.GetType().Name}: {FirstLine(ex.Message)}) and {UrlVariable} is not set";
            _url = null;
        }
        finally
        {
            TestContext.Progress.WriteLine(_url is null
                ? $"Real-cluster tests will be skipped: {_unavailableReason}."
                : $"Real-cluster tests run against {_url}");
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_container is not null)
            await _container.DisposeAsync();
    }

    /// <summary>The cluster's URL; ignores the calling test, saying why, when there is no cluster.</summary>
    public static Uri Require()
    {
        if (_url is null)
            Assert.Ignore($"Real-cluster test skipped: {_unavailableReason}.");
        return _url!;
    }

    public static async Task<JsonElement> GetJsonAsync(string relative)
    {
        var response = await Http.GetAsync(new Uri(Require(), relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> PostJsonAsync(string relative, object body)
    {
        var response = await Http.PostAsJsonAsync(new Uri(Require(), relative), body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    static async Task<bool> AnswersAsync(Uri url)
    {
        try
        {
            using var response = await Http.GetAsync(url);
            return response.IsSuccessStatusCode;
        }
        catch (Exception)
        {
            return false;
        }
    }

    static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
