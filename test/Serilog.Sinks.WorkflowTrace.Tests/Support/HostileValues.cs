using System.Collections;
using Serilog.Events;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>
/// Values and exceptions that throw from everything a sink may call on them, with exceptions whose own
/// <c>Message</c> throws as well: what an application's buggy type can hand a logger.
/// </summary>
static class HostileValues
{
    /// <summary>An exception nothing can be read from: Message, StackTrace, Data, ToString all throw (the same kind).</summary>
    public sealed class UnreadableException(Exception? inner = null) : Exception("never seen", inner)
    {
        public override string Message => throw new UnreadableException();
        public override string? StackTrace => throw new UnreadableException();
        public override IDictionary Data => throw new UnreadableException();
        public override string ToString() => throw new UnreadableException();
        public override string? Source { get => throw new UnreadableException(); set => throw new UnreadableException(); }
    }

    /// <summary>A value whose ToString throws an exception whose Message throws.</summary>
    public sealed class ThrowingValue
    {
        public override string ToString() => throw new UnreadableException();
    }

    /// <summary>A formattable value whose every format throws.</summary>
    public sealed class ThrowingFormattable : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) => throw new UnreadableException();
        public override string ToString() => throw new UnreadableException();
    }

    /// <summary>An enumerable whose enumeration throws midway.</summary>
    public sealed class ThrowingEnumerable : IEnumerable<int>
    {
        public IEnumerator<int> GetEnumerator()
        {
            yield return 1;
            throw new UnreadableException();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>An object whose property getter throws, for destructuring.</summary>
    public sealed class ThrowingGetter
    {
        public string Name => "fine";
        public string Broken => throw new UnreadableException();
    }

    /// <summary>A property value of a kind Serilog does not know, which cannot be rendered.</summary>
    public sealed class UnrenderableValue : LogEventPropertyValue
    {
        public override void Render(TextWriter output, string? format = null, IFormatProvider? formatProvider = null) =>
            throw new UnreadableException();

        public override string ToString() => throw new UnreadableException();
    }
}
