using System.Runtime.CompilerServices;
using Serilog.Events;
using Serilog.Sinks.WorkflowTrace.Capture;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// The last trace document written for one kind of event — one context logger's shared properties, one message
/// template, one level — with where its per-event parts lie. The next event of the same kind is written by copying
/// the rest and writing only those parts: its message, timestamp, thread, its own (message-template) properties in
/// <c>metadata</c>, and <c>created_at</c>. Everything else in the document follows from what the key holds.
/// </summary>
sealed class DocumentShape
{
    /// <summary>The per-event parts, in document order; each range includes the comma before its member.</summary>
    public enum Part { Message, Datetime, Thread, OwnMetadata, CreatedAt }

    public const int PartCount = 5;

    public DocumentShape(CapturedEvent captured, ReadOnlySpan<byte> document, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends)
    {
        Shared = captured.Shared;
        Template = captured.Template;
        Level = captured.Level;
        var own = captured.Own;
        OwnNames = new string[own.Length];
        for (var i = 0; i < own.Length; i++)
            OwnNames[i] = own[i].Name;
        Bytes = document.ToArray();
        starts.CopyTo(Starts);
        ends.CopyTo(Ends);
    }

    public CapturedProperty[] Shared { get; }
    public MessageTemplate Template { get; }
    public LogEventLevel Level { get; }
    public string[] OwnNames { get; }
    public byte[] Bytes { get; }
    public int[] Starts { get; } = new int[PartCount];
    public int[] Ends { get; } = new int[PartCount];

    /// <summary>Whether <paramref name="captured"/> is of this kind (the caller has checked it is cacheable at all).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Fits(CapturedEvent captured)
    {
        if (!ReferenceEquals(captured.Shared, Shared) || !ReferenceEquals(captured.Template, Template) || captured.Level != Level)
            return false;
        var own = captured.Own;
        if (own.Length != OwnNames.Length)
            return false;
        for (var i = 0; i < own.Length; i++)
        {
            if (!ReferenceEquals(own[i].Name, OwnNames[i]))
                return false;
        }
        return true;
    }
}
