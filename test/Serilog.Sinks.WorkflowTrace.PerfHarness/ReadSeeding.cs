using System.Globalization;
using System.Text;

namespace Serilog.Sinks.WorkflowTrace.PerfHarness;

/// <summary>
/// Fills the loopback server with one run of a given size, shaped as the sink writes it: four threads logging
/// through stages and jobs, many events sharing a millisecond, one in fifty with an exception and its stack trace.
/// </summary>
static class ReadSeeding
{
    const int EntriesPerRequest = 5_000;

    public static async Task SeedAsync(Uri server, string index, string runId, int entries)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(5) };
        var start = new DateTime(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc);
        var idPrefix = "read" + entries.ToString("D12", CultureInfo.InvariantCulture); // 16 characters, as the sink's prefixes
        var body = new StringBuilder();
        for (var i = 0; i < entries; i++)
        {
            var time = start.AddTicks(i * 2_500L); // four events per millisecond
            body.Append("{\"create\":{\"_index\":\"").Append(index).Append("\",\"_id\":\"").Append(idPrefix).Append(i.ToString("x", CultureInfo.InvariantCulture)).Append("\"}}\n");
            body.Append(Document(runId, i, time)).Append('\n');
            if ((i + 1) % EntriesPerRequest == 0 || i + 1 == entries)
            {
                using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson");
                using var response = await http.PostAsync("_bulk", content);
                var answer = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode || answer.Contains("\"errors\":true", StringComparison.Ordinal))
                    throw new InvalidOperationException($"seeding failed: {(int)response.StatusCode} {answer[..Math.Min(answer.Length, 500)]}");
                body.Clear();
            }
        }

        using var refresh = await http.PostAsync(index + "/_refresh", null);
        refresh.EnsureSuccessStatusCode();
    }

    static string Document(string runId, int i, DateTime time)
    {
        var stage = $"stage-{i / 10_000}";
        var job = $"job-{i / 1_000 % 10}";
        var thread = 10 + i % 4;
        var failed = i % 50 == 49;
        var datetime = time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var document = new StringBuilder(1_024)
            .Append("{\"run_id\":\"").Append(runId).Append('"')
            .Append(",\"level\":\"").Append(failed ? "error" : "info").Append('"')
            .Append(",\"message\":\"Processed batch ").Append(i).Append(" of the customer import with 250 rows in 12.5 ms\"")
            .Append(",\"mode\":\"").Append(failed ? "stderr" : "stdout").Append('"')
            .Append(",\"datetime\":\"").Append(datetime).Append('"')
            .Append(",\"process\":4242,\"thread\":").Append(thread)
            .Append(",\"filename\":\"CustomerImporter.cs\",\"lineno\":").Append(40 + i % 30)
            .Append(",\"cut_id\":\"").Append(runId[^8..]).Append('"')
            .Append(",\"workflow_name\":\"customer-import\",\"stage_name\":\"").Append(stage).Append("\",\"job_name\":\"").Append(job).Append('"')
            .Append(",\"duration_ms\":12.5,\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"span_id\":\"00f067aa0ba902b7\"")
            .Append(",\"user_id\":\"user-123\",\"tenant_id\":\"tenant-a\",\"environment\":\"production\",\"hostname\":\"worker-7\"")
            .Append(",\"ip_address\":\"10.0.0.7\",\"runtime_version\":\".NET 10.0.1\",\"package_version\":\"1.4.0\"")
            .Append(",\"tags\":[\"service:workflow\",\"team:data\"]")
            .Append(",\"metadata\":{\"BatchSize\":250,\"Source\":\"s3://bucket/customers.csv\",\"message_template\":\"Processed batch {Batch} of the customer import with {Rows} rows in {Elapsed} ms\"}")
            .Append(",\"created_at\":\"").Append(datetime).Append('"');
        if (failed)
        {
            document.Append(",\"exception_type\":\"System.InvalidOperationException\",\"exception_message\":\"Row 17 has no customer id\"")
                .Append(",\"stack_trace\":\"System.InvalidOperationException: Row 17 has no customer id\\n   at CustomerImporter.Import(Row row) in CustomerImporter.cs:line 57\\n   at CustomerImporter.RunAsync() in CustomerImporter.cs:line 31\"");
        }
        return document.Append('}').ToString();
    }
}
