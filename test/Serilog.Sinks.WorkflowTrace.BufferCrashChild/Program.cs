using System.Globalization;
using Serilog;
using Serilog.Events;
using Serilog.Parsing;
using Serilog.Sinks.WorkflowTrace.Buffering;

// hold <path>: takes the directory's lock, prints "locked" (or "refused: <message>") and waits for stdin to close.
// append <path> <first number> [<flush interval ms>]: appends events numbered from <first number>, with
// write-through or the given flush interval, printing each number once Append has returned, until killed.
// sink <path> <url> <index> <first number> [<bufferFlushInterval ms>]: runs the real sink (WriteTo.WorkflowTrace with
// bufferPath, write-through unless an interval is given) and logs "event {Number}" from <first number> on, printing
// each number once the logging call has returned, until killed; SelfLog goes to stderr.
var mode = args[0];
var path = args[1];

if (mode == "hold")
{
    try
    {
        using var directory = BufferDirectory.Open(path);
        Console.WriteLine("locked");
        Console.In.ReadToEnd();
    }
    catch (BufferDirectoryInUseException e)
    {
        Console.WriteLine("refused: " + e.Message);
    }
    return 0;
}

if (mode == "append")
{
    var number = long.Parse(args[2], CultureInfo.InvariantCulture);
    var flush = args.Length > 3 ? BufferFlush.Every(TimeSpan.FromMilliseconds(int.Parse(args[3], CultureInfo.InvariantCulture))) : BufferFlush.WriteThrough;
    using var directory = BufferDirectory.Open(path);
    using var writer = new BufferWriter(directory, new BufferWriterOptions { SegmentSizeLimit = 4096, SizeLimit = 1L << 30, Flush = flush },
        TimeProvider.System, message => Console.Error.WriteLine(message));
    var template = new MessageTemplateParser().Parse("Event {N} with some padding to fill segments faster");
    for (; ; number++)
    {
        var properties = new[] { new LogEventProperty("N", new ScalarValue(number)) };
        writer.Append("n-" + number.ToString(CultureInfo.InvariantCulture), new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null, template, properties));
        Console.Out.WriteLine(number);
        Console.Out.Flush();
    }
}

if (mode == "sink")
{
    var url = args[2];
    var index = args[3];
    var number = int.Parse(args[4], CultureInfo.InvariantCulture);
    var interval = args.Length > 5 ? TimeSpan.FromMilliseconds(int.Parse(args[5], CultureInfo.InvariantCulture)) : TimeSpan.Zero;
    Serilog.Debugging.SelfLog.Enable(Console.Error);
    using var logger = new LoggerConfiguration()
        .WriteTo.WorkflowTrace(hosts: url, indexName: index, bufferSize: 100, flushInterval: TimeSpan.FromMilliseconds(100),
            timeout: TimeSpan.FromSeconds(2), maxRetries: 0, bufferPath: path, bufferFlushInterval: interval)
        .CreateLogger();
    for (; ; number++)
    {
        logger.Information("event {Number}", number);
        Console.Out.WriteLine(number);
        Console.Out.Flush();
    }
}

Console.Error.WriteLine($"unknown mode '{mode}'");
return 2;
