using System.Text.Json;

namespace WorkflowTrace.Sample;

/// <summary>Asks the cluster's root endpoint who it is, so a sample can say plainly when nobody answers.</summary>
static class ClusterProbe
{
    public static async Task<string?> ProblemAsync(string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
                return $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}";
            using var json = JsonDocument.Parse(body);
            var version = json.RootElement.GetProperty("version").GetProperty("number").GetString();
            Console.WriteLine($"Connected: Elasticsearch {version} at {url}");
            return null;
        }
        catch (HttpRequestException ex)
        {
            return $"no Elasticsearch answered at {url} ({ex.Message})";
        }
        catch (TaskCanceledException)
        {
            return $"no Elasticsearch answered at {url} within 5 seconds";
        }
        catch (JsonException)
        {
            return $"{url} answered, but not like Elasticsearch";
        }
    }
}
