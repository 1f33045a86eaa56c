using System.Text;
using System.Text.Json;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.DurableBuffer;

/// <summary>
/// Issue 17 point 8d: a line in the middle of a segment left by a first sink is damaged (replaced by garbage of the
/// same length, or by zero bytes as a file system can leave after a power cut). The next sink sets that line aside
/// in <c>corrupt-*.txt</c>, says so in SelfLog, and delivers every other event once.
/// </summary>
public class DurableCorruptionTests : DurableBufferTest
{
    const int Logged = 300;
    const int Damaged = 150;

    [TestCase((byte)'x', TestName = "A line overwritten with garbage in the middle of a segment is set aside and every other event delivered once")]
    [TestCase((byte)0, TestName = "A line of zero bytes in the middle of a segment is set aside and every other event delivered once")]
    public async Task A_damaged_line_is_set_aside_and_the_rest_delivered(byte filler)
    {
        await Server.StopAsync();
        await using (var first = DurableLogger(o => { o.ShutdownTimeout = TimeSpan.FromSeconds(2); o.MaxRetries = 0; o.Timeout = TimeSpan.FromSeconds(1); }))
        {
            for (var i = 0; i < Logged; i++)
                NumberedEvents.Log(first, i);
        }
        Assert.That(LeftOnDisk(), Is.EqualTo(Logged), "left on disk by the first sink");
        var lost = Damage(Damaged, filler);

        await Server.RestartAsync();
        var listener = new RecordingFailureListener();
        using var selfLog = new SelfLogCollector();
        await using (DurableLogger(listener))
            await Eventually.WaitFor(() => StoredNumbers().Count >= Logged - 1, "every other event delivered");

        var setAside = Directory.GetFiles(BufferPath, "corrupt-*.txt");
        Assert.Multiple(() =>
        {
            Assert.That(lost, Is.EqualTo(Damaged), "the damaged line held the event logged 151st");
            Assert.That(StoredNumbers().Order(), Is.EqualTo(Enumerable.Range(0, Logged).Where(n => n != lost)), "delivered: the 299 others, each once");
            Assert.That(Doubled(), Is.Empty, "doubled: 0");
            Assert.That(setAside, Has.Length.EqualTo(1), "set aside: the one damaged line");
            Assert.That(selfLog.Text, Does.Contain("set aside in '" + Path.GetFileName(setAside.Single()) + "'"), selfLog.Text);
            Assert.That(File.ReadAllBytes(setAside.Single()), Has.All.EqualTo(filler), "the damaged bytes kept for a person to look at");
            Assert.That(Reported(listener), Is.Empty, "reported to the listener: 0 (the line is no event; SelfLog names it)");
            Assert.That(StoredNumbers().Count + setAside.Length, Is.EqualTo(Logged), "delivered + set aside = logged");
            Assert.That(LeftOnDisk(), Is.Zero, "left on disk: 0");
        });
    }

    /// <summary>Overwrites line <paramref name="index"/> of the first segment (all but its newline); the number it held.</summary>
    int Damage(int index, byte filler)
    {
        var segment = Path.Combine(BufferPath, Segments().First());
        var bytes = File.ReadAllBytes(segment);
        var start = 0;
        for (var line = 0; line < index; line++)
            start = Array.IndexOf(bytes, (byte)'\n', start) + 1;
        var end = Array.IndexOf(bytes, (byte)'\n', start);
        Assert.That(start, Is.GreaterThan(0).And.LessThan(end), "a line in the middle of the segment");
        var number = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, start, end - start)).RootElement.GetProperty("Number").GetInt32();
        Array.Fill(bytes, filler, start, end - start);
        File.WriteAllBytes(segment, bytes);
        return number;
    }
}
