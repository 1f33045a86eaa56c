using Serilog.Sinks.WorkflowTrace.Buffering;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Buffering;

public class BufferReaderTests : BufferTestDirectory
{
    static readonly BufferWriterOptions SmallSegments = new() { Flush = BufferFlush.WriteThrough, SegmentSizeLimit = 1024, SizeLimit = 1 << 20 };

    void WriteEvents(BufferDirectory directory, int from, int count)
    {
        using var writer = new BufferWriter(directory, SmallSegments, TimeProvider.System, Report);
        for (var i = from; i < from + count; i++)
            writer.Append("doc-" + i, Some.InformationEvent("Event {N} padded to about a hundred bytes", i));
    }

    BufferReader Reader(BufferDirectory directory, Func<long>? live = null) => new(directory, live ?? (() => -1), Report);

    static List<string> Ids(BufferBatch batch) => batch.Lines.Select(l => l.DocumentId).ToList();

    static List<string> Expected(int from, int count) => Enumerable.Range(from, count).Select(i => "doc-" + i).ToList();

    [Test]
    public void Lines_are_read_in_order_across_segments()
    {
        using var directory = BufferDirectory.Open(Path);
        WriteEvents(directory, 0, 30);
        Assert.That(Segments(), Has.Length.GreaterThan(2));

        var batch = Reader(directory).Read(1000);

        Assert.That(Ids(batch), Is.EqualTo(Expected(0, 30)));
        Assert.That(batch.Lines[0].Json, Does.StartWith("{\"@wt_id\":\"doc-0\""));
    }

    [Test]
    public void A_batch_holds_at_most_the_lines_asked_for_and_the_next_read_continues_after_it()
    {
        using var directory = BufferDirectory.Open(Path);
        WriteEvents(directory, 0, 30);
        var reader = Reader(directory);

        var first = reader.Read(7);
        var rest = reader.Read(1000);

        Assert.That(Ids(first), Is.EqualTo(Expected(0, 7)));
        Assert.That(Ids(rest), Is.EqualTo(Expected(7, 23)));
    }

    [Test]
    public void The_next_reader_starts_after_the_acknowledged_lines()
    {
        using var directory = BufferDirectory.Open(Path);
        WriteEvents(directory, 0, 30);
        var reader = Reader(directory);
        reader.Acknowledge(reader.Read(12).End);
        reader.Read(5); // read, never acknowledged: shipped again by the next process

        var next = Reader(directory).Read(1000);

        Assert.That(Ids(next), Is.EqualTo(Expected(12, 18)));
    }

    [Test]
    public void A_segment_is_deleted_once_the_bookmark_passes_its_end_and_the_bookmark_is_replaced_whole()
    {
        using var directory = BufferDirectory.Open(Path);
        WriteEvents(directory, 0, 30);
        var before = Segments();
        var reader = Reader(directory);

        reader.Acknowledge(reader.Read(1000).End);

        Assert.That(Segments(), Is.EqualTo(new[] { before[^1] }), "the last segment may still grow; the others are shipped");
        Assert.That(File.ReadAllText(System.IO.Path.Combine(Path, BufferBookmark.FileName)),
            Is.EqualTo($"{before.Length} {new FileInfo(System.IO.Path.Combine(Path, before[^1])).Length}\n"));
        Assert.That(File.Exists(System.IO.Path.Combine(Path, "bookmark.tmp")), Is.False);
    }

    [Test]
    public void The_shipped_last_segment_is_deleted_once_a_later_one_exists()
    {
        using var directory = BufferDirectory.Open(Path);
        WriteEvents(directory, 0, 3);
        var reader = Reader(directory);
        reader.Acknowledge(reader.Read(1000).End);
        WriteEvents(directory, 3, 2);

        var batch = reader.Read(1000);
        reader.Acknowledge(batch.End);

        Assert.That(Ids(batch), Is.EqualTo(Expected(3, 2)));
        Assert.That(Segments(), Is.EqualTo(new[] { "buffer-000002.clef" }));
    }

    [Test]
    public void A_torn_last_line_is_set_aside_reported_and_reading_continues_in_the_next_segment()
    {
        using var directory = BufferDirectory.Open(Path);
        WriteEvents(directory, 0, 3);
        var segment = System.IO.Path.Combine(Path, "buffer-000001.clef");
        var tornAt = new FileInfo(segment).Length;
        File.AppendAllText(segment, "{\"@wt_id\":\"doc-torn\",\"@t\":\"2026-12-");
        WriteEvents(directory, 3, 2);
        var reader = Reader(directory);

        var batch = reader.Read(1000);

        Assert.That(Ids(batch), Is.EqualTo(Expected(0, 5)));
        var setAside = System.IO.Path.Combine(Path, $"torn-000001-{tornAt}.txt");
        Assert.That(File.ReadAllText(setAside), Is.EqualTo("{\"@wt_id\":\"doc-torn\",\"@t\":\"2026-12-"));
        Assert.That(reader.SetAsideLines, Is.EqualTo(1));
        Assert.That(Reports, Has.One.Contains("unfinished").And.Contains($"torn-000001-{tornAt}.txt"));
    }

    [Test]
    public void A_corrupted_line_in_the_middle_is_set_aside_and_the_lines_after_it_are_read()
    {
        using var directory = BufferDirectory.Open(Path);
        WriteEvents(directory, 0, 3);
        var segment = System.IO.Path.Combine(Path, "buffer-000001.clef");
        var lines = File.ReadAllLines(segment);
        var corruptAt = lines[0].Length + 1;
        lines[1] = lines[1][..20] + "\0\0garbage";
        File.WriteAllText(segment, string.Join('\n', lines) + "\n");
        var reader = Reader(directory);

        var batch = reader.Read(1000);

        Assert.That(Ids(batch), Is.EqualTo(new[] { "doc-0", "doc-2" }));
        Assert.That(File.ReadAllText(System.IO.Path.Combine(Path, $"corrupt-000001-{corruptAt}.txt")), Is.EqualTo(lines[1]));
        Assert.That(Reports, Has.One.Contains("not one JSON object"));
    }

    [Test]
    public void The_unfinished_tail_of_the_segment_being_written_is_waited_for_not_set_aside()
    {
        using var directory = BufferDirectory.Open(Path);
        WriteEvents(directory, 0, 2);
        var segment = System.IO.Path.Combine(Path, "buffer-000001.clef");
        File.AppendAllText(segment, "{\"@wt_id\":\"doc-2\",");
        var reader = Reader(directory, live: () => 1);

        var first = reader.Read(1000);
        File.AppendAllText(segment, "\"@t\":\"2026-12-05T00:00:00Z\",\"@mt\":\"x\"}\n");
        var second = reader.Read(1000);

        Assert.That(Ids(first), Is.EqualTo(Expected(0, 2)));
        Assert.That(Ids(second), Is.EqualTo(new[] { "doc-2" }));
        Assert.That(reader.SetAsideLines, Is.Zero);
    }

    [Test]
    public void A_segment_dropped_while_unread_is_skipped()
    {
        using var directory = BufferDirectory.Open(Path);
        WriteEvents(directory, 0, 30);
        File.Delete(System.IO.Path.Combine(Path, "buffer-000001.clef"));

        var batch = Reader(directory).Read(1000);

        Assert.That(batch.Lines, Is.Not.Empty);
        Assert.That(batch.Lines[0].Position.Segment, Is.EqualTo(2));
    }
}
