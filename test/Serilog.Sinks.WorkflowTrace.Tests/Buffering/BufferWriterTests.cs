using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Buffering;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Buffering;

public class BufferWriterTests : BufferTestDirectory
{
    static readonly BufferWriterOptions WriteThrough = new() { Flush = BufferFlush.WriteThrough };

    BufferWriter Writer(BufferDirectory directory, BufferWriterOptions options, TimeProvider? time = null) =>
        new(directory, options, time ?? TimeProvider.System, Report);

    [Test]
    public void Each_event_is_one_CLEF_line_with_its_document_id_first()
    {
        using var directory = BufferDirectory.Open(Path);
        using (var writer = Writer(directory, WriteThrough))
        {
            writer.Append("doc-1", Some.WarningEvent("Order {OrderId} took {Elapsed}", 42, 1.5));
            writer.Append("doc-2", Some.InformationEvent("Plain"));
        }

        var lines = File.ReadAllLines(System.IO.Path.Combine(Path, Segments().Single()));

        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0], Does.StartWith("{\"@wt_id\":\"doc-1\","));
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("@mt").GetString(), Is.EqualTo("Order {OrderId} took {Elapsed}"));
            Assert.That(root.GetProperty("@l").GetString(), Is.EqualTo("Warning"));
            Assert.That(root.GetProperty("@t").GetDateTimeOffset(), Is.Not.EqualTo(default(DateTimeOffset)));
            Assert.That(root.GetProperty("OrderId").GetInt32(), Is.EqualTo(42));
            Assert.That(root.GetProperty("Elapsed").GetDouble(), Is.EqualTo(1.5));
        });
        using var second = JsonDocument.Parse(lines[1]);
        Assert.That(second.RootElement.TryGetProperty("@l", out _), Is.False, "CLEF leaves out the Information level");
    }

    [Test]
    public void An_application_property_starting_with_an_at_sign_is_escaped_as_CLEF_does()
    {
        using var directory = BufferDirectory.Open(Path);
        using (var writer = Writer(directory, WriteThrough))
        {
            var logEvent = Some.InformationEvent();
            logEvent.AddOrUpdateProperty(new LogEventProperty("@wt_id", new ScalarValue("sneaky")));
            writer.Append("doc-1", logEvent);
        }

        var line = File.ReadAllLines(System.IO.Path.Combine(Path, Segments().Single())).Single();

        using var json = JsonDocument.Parse(line);
        Assert.That(json.RootElement.GetProperty("@wt_id").GetString(), Is.EqualTo("doc-1"));
        Assert.That(json.RootElement.GetProperty("@@wt_id").GetString(), Is.EqualTo("sneaky"));
    }

    [Test]
    public void With_write_through_every_line_is_in_the_file_when_Append_returns()
    {
        using var directory = BufferDirectory.Open(Path);
        using var writer = Writer(directory, WriteThrough);

        for (var i = 1; i <= 3; i++)
        {
            writer.Append("doc-" + i, Some.InformationEvent());
            Assert.That(ReadShared(Segments().Single()).Count(c => c == '\n'), Is.EqualTo(i));
        }
    }

    [Test]
    public void With_an_interval_lines_reach_the_file_when_the_interval_has_passed()
    {
        var time = new FakeTimeProvider();
        using var directory = BufferDirectory.Open(Path);
        using var writer = Writer(directory, WriteThrough with { Flush = BufferFlush.Every(TimeSpan.FromSeconds(2)) }, time);

        writer.Append("doc-1", Some.InformationEvent());
        writer.Append("doc-2", Some.InformationEvent());
        Assert.That(ReadShared(Segments().Single()), Is.Empty, "held in memory until the interval passes");

        time.Advance(TimeSpan.FromSeconds(2));

        Assert.That(ReadShared(Segments().Single()).Count(c => c == '\n'), Is.EqualTo(2));
    }

    [Test]
    public void Segments_roll_before_they_would_pass_the_segment_size_limit()
    {
        using var directory = BufferDirectory.Open(Path);
        using (var writer = Writer(directory, WriteThrough with { SegmentSizeLimit = 1024, SizeLimit = 1 << 20 }))
        {
            for (var i = 0; i < 40; i++)
                writer.Append("doc-" + i, Some.InformationEvent("Event {N} padded to about a hundred bytes", i));
        }

        var sizes = Segments().Select(s => new FileInfo(System.IO.Path.Combine(Path, s)).Length).ToList();

        Assert.That(sizes, Has.Count.GreaterThan(2));
        Assert.That(sizes, Has.All.LessThanOrEqualTo(1024));
        Assert.That(Segments()[0], Is.EqualTo("buffer-000001.clef"));
    }

    [Test]
    public void A_new_writer_starts_a_segment_after_the_existing_ones()
    {
        using var directory = BufferDirectory.Open(Path);
        using (var first = Writer(directory, WriteThrough))
            first.Append("doc-1", Some.InformationEvent());
        using (var second = Writer(directory, WriteThrough))
            second.Append("doc-2", Some.InformationEvent());

        Assert.That(Segments(), Is.EqualTo(new[] { "buffer-000001.clef", "buffer-000002.clef" }));
    }

    [Test]
    public void When_full_the_oldest_segment_is_dropped_and_its_events_counted_and_reported()
    {
        using var directory = BufferDirectory.Open(Path);
        using var writer = Writer(directory, WriteThrough with { SegmentSizeLimit = 1024, SizeLimit = 2048, FullMode = WorkflowTraceBufferFullMode.DropOldest });
        var perSegment = 0;
        for (var i = 0; Segments().Length < 2; i++)
        {
            writer.Append("doc-" + i, Some.InformationEvent("Event {N} padded to about a hundred bytes", i));
            perSegment = i + 1;
        }
        var firstSegmentLines = File.ReadAllLines(System.IO.Path.Combine(Path, "buffer-000001.clef")).Length;

        while (Segments().Length < 3 && writer.DroppedEvents == 0)
            writer.Append("doc-x", Some.InformationEvent("Event {N} padded to about a hundred bytes", 0));

        Assert.That(perSegment, Is.GreaterThan(1));
        Assert.That(writer.DroppedEvents, Is.EqualTo(firstSegmentLines));
        Assert.That(Segments(), Does.Not.Contain("buffer-000001.clef"));
        Assert.That(Reports, Has.One.Contains("buffer-000001.clef").And.Contains($"{firstSegmentLines} unshipped event(s)"));
        Assert.That(writer.RefusedEvents, Is.Zero);
    }

    [Test]
    public void When_full_with_RefuseNew_new_events_are_refused_counted_and_reported_once()
    {
        using var directory = BufferDirectory.Open(Path);
        using var writer = Writer(directory, WriteThrough with { SegmentSizeLimit = 1024, SizeLimit = 2048, FullMode = WorkflowTraceBufferFullMode.RefuseNew });
        var appended = 0;
        while (writer.Append("doc-" + appended, Some.InformationEvent("Event {N} padded to about a hundred bytes", appended)))
            appended++;

        var refusedAgain = writer.Append("doc-late", Some.InformationEvent("Event {N} padded to about a hundred bytes", 0));

        var stored = Segments().Sum(s => File.ReadAllLines(System.IO.Path.Combine(Path, s)).Length);
        Assert.That(refusedAgain, Is.False);
        Assert.That(writer.RefusedEvents, Is.EqualTo(2));
        Assert.That(stored, Is.EqualTo(appended), "nothing already stored was dropped");
        Assert.That(writer.DroppedEvents, Is.Zero);
        Assert.That(Reports, Has.Exactly(1).Contains("is full").And.Contains("refused"));
    }

    [Test]
    public void A_size_limit_below_twice_the_segment_size_is_refused_naming_the_setting()
    {
        using var directory = BufferDirectory.Open(Path);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Writer(directory, WriteThrough with { SegmentSizeLimit = 4096, SizeLimit = 4096 }))!;

        Assert.That(error.ParamName, Is.EqualTo(nameof(BufferWriterOptions.SizeLimit)));
    }

    string ReadShared(string segment)
    {
        using var stream = new FileStream(System.IO.Path.Combine(Path, segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }
}
