using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Serilog.Core.Enrichers;
using Serilog.Sinks.WorkflowTrace.Bulk;
using Serilog.Sinks.WorkflowTrace.Capture;
using Serilog.Sinks.WorkflowTrace.Configuration;
using Serilog.Sinks.WorkflowTrace.Delivery;
using Serilog.Sinks.WorkflowTrace.Mapping;
using Serilog.Sinks.WorkflowTrace.Pipeline;

namespace Serilog.Sinks.WorkflowTrace.Benchmarks;

/// <summary>
/// A search answer as Elasticsearch sends a page of a point-in-time read of a trace index shared by both producers:
/// three hits in five are this sink's documents (written by <see cref="TraceDocumentWriter"/> from events logged
/// through the capture step, over five runs, a warning in ten and an error with a thrown exception's stack trace in
/// twenty-five, metadata of five properties and the template), two in five the Python producer's (every field
/// present with nulls, zone-less dates, a 47-bit thread id, <c>256.0</c>; the older version with <c>metadata: {}</c>,
/// the newer with <c>error_flag</c> and a <c>metric</c> object, a traceback in one of twenty).
/// </summary>
static class TraceSearchAnswer
{
    public static byte[] Create(int hits)
    {
        var sinkDocuments = SinkDocuments((hits * 3 + 4) / 5);
        var ids = new DocumentIdFactory();
        var json = new StringBuilder(hits * 1500);
        json.Append("{\"pit_id\":\"46ToAwMDaWR5BXV1aWQyLTAwMDAwMQAWdnVpZC1vZi10aGUtcG9pbnQtaW4tdGltZQAAAAAAAAAAAQ==\",")
            .Append("\"took\":41,\"timed_out\":false,\"_shards\":{\"total\":1,\"successful\":1,\"skipped\":0,\"failed\":0},")
            .Append(CultureInfo.InvariantCulture, $"\"hits\":{{\"total\":{{\"value\":{hits * 37},\"relation\":\"eq\"}},\"max_score\":null,\"hits\":[");
        int sink = 0, python = 0;
        for (var i = 0; i < hits; i++)
        {
            if (i > 0)
                json.Append(',');
            var millis = 1_893_553_445_678L + i * 250L;
            var (id, source) = i % 5 < 3 && sink < sinkDocuments.Count
                ? (ids.Format(sink + 1), sinkDocuments[sink++])
                : PythonDocument(python++, millis);
            json.Append(CultureInfo.InvariantCulture,
                $"{{\"_index\":\"workflow-traces-2030.01.02\",\"_id\":\"{id}\",\"_score\":null,\"_source\":{source},\"sort\":[{millis},{48_213 + i}]}}");
        }
        return Encoding.UTF8.GetBytes(json.Append("]}}").ToString());
    }

    static List<string> SinkDocuments(int count)
    {
        var queue = new CaptureQueue();
        var failures = new FailureCounter();
        var ledger = new DeliveryLedger();
        ledger.SetFailureListener(failures);
        using (var root = BenchmarkEvents.CreateLogger(new CallSiteCaptureSink(queue, ledger, Math.Max(count, 1))))
        {
            for (var i = 0; i < count; i++)
            {
                var run = i * 5 / count;
                var logger = root.ForContext([
                    new PropertyEnricher("RunId", $"run-20300102-5f0c8e2a9b7d4c3{run}"),
                    new PropertyEnricher("WorkflowName", "nightly-billing"),
                    new PropertyEnricher("StageName", (i / 40 % 3) switch { 0 => "extract", 1 => "transform", _ => "load" }),
                    new PropertyEnricher("JobName", "load-invoices"),
                    new PropertyEnricher("JobId", $"job-00004{run}"),
                    new PropertyEnricher("Attempt", 1),
                    new PropertyEnricher("Environment", "production"),
                    new PropertyEnricher("Region", "eu-west-1"),
                    new PropertyEnricher("Tags", new[] { "billing", "nightly" }),
                ]);
                if (i % 25 == 24)
                    logger.Error(Thrown(i), "Loading batch {Batch} failed for {Customer}", i, BenchmarkEvents.Customer);
                else if (i % 10 == 9)
                    logger.Warning("Batch {Batch} took {DurationMs} ms, above the budget", i, 1250.5 + i);
                else
                    BenchmarkEvents.Log(logger, i + 1);
            }
        }
        if (failures.Count != 0)
            throw new InvalidOperationException($"The capture step rejected {failures.Count} event(s): {failures.First}");

        var writer = new TraceDocumentWriter(new WorkflowTraceSettingsBuilder().Build(), HostFacts.Current);
        writer.BeginBatch();
        var documents = new List<string>(count);
        foreach (var captured in queue.TakeAll())
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer, BulkPayloadBuilder.WriterOptions))
                writer.Write(json, captured, BenchmarkEvents.CreatedAtUtc);
            documents.Add(Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
        return documents;
    }

    static Exception Thrown(int batch)
    {
        try
        {
            throw new InvalidOperationException($"Invoice batch {batch} has a line without a customer.",
                new FormatException("The customer id '' is not a number."));
        }
        catch (Exception e)
        {
            return e;
        }
    }

    static (string Id, string Source) PythonDocument(int n, long millis)
    {
        var runId = $"01JH7ZK8Q3V2N4M6P8R0S2T{n / 100:D3}";
        var datetime = DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        const long Thread = 140_234_567_890_123;
        var newer = n / 100 % 2 == 1;
        var failed = n % 20 == 19;
        var level = failed ? (newer ? "exception" : "info") : n % 10 == 9 ? "warning" : "info";
        var exception = failed
            ? "\"exception_type\":\"ZeroDivisionError\",\"exception_message\":\"division by zero\"," +
              "\"stack_trace\":\"Traceback (most recent call last):\\n  File \\\"/app/ddeutil/workflow/stages.py\\\", line 88, in execute\\n    result = eval(self.run)\\n  File \\\"<string>\\\", line 1, in <module>\\nZeroDivisionError: division by zero\","
            : "\"exception_type\":null,\"exception_message\":null,\"stack_trace\":null,";
        var extra = newer
            ? string.Create(CultureInfo.InvariantCulture, $"\"error_flag\":{(failed ? "true" : "false")},\"metric\":{{\"rows\":{n * 12},\"duration_ms\":{n * 1.5:0.0#}}},")
            : "\"metadata\":{},";
        var source = string.Create(CultureInfo.InvariantCulture,
            $"{{\"run_id\":\"{runId}\",\"parent_run_id\":null,\"level\":\"{level}\"," +
            $"\"message\":\"[STAGE]: Execute Py-Stage: 'calculate-{n % 7}' record {n}\",\"mode\":\"{(failed ? "stderr" : "stdout")}\"," +
            $"\"datetime\":\"{datetime}\",\"process\":41523,\"thread\":{Thread},\"filename\":\"stages.py\",\"lineno\":{200 + n % 50}," +
            $"\"cut_id\":\"{runId[^8..]}\",\"workflow_name\":\"etl-daily\",\"stage_name\":\"calculate-{n % 7}\",\"job_name\":\"first-job\"," +
            $"\"duration_ms\":null,\"memory_usage_mb\":256.0,\"cpu_usage_percent\":12.5,\"trace_id\":null,\"span_id\":null," +
            $"\"parent_span_id\":null,{exception}\"error_code\":null,\"user_id\":null,\"tenant_id\":null,\"environment\":null," +
            $"\"hostname\":\"worker-1\",\"ip_address\":\"10.0.0.5\",\"python_version\":\"3.11.4\",\"package_version\":\"0.0.80\"," +
            $"\"tags\":[],{extra}\"created_at\":\"{datetime}\"}}");
        return ($"{runId}_{datetime}_{Thread}", source);
    }
}
