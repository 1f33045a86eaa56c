using Spectre.Console.Rendering;
using Spectre.Console.Testing;

namespace WorkflowTrace.Cli.Tests.Support;

/// <summary>A renderable as a person reads it without colours, on a console of a given width.</summary>
static class RenderedText
{
    public static string Of(IRenderable renderable, int width = 160)
    {
        var console = new TestConsole().Width(width);
        console.Profile.Capabilities.Ansi = false;
        console.Write(renderable);
        return console.Output;
    }

    /// <summary>With ANSI colours on, to check which colour a text is given.</summary>
    public static string WithColours(IRenderable renderable, int width = 160)
    {
        var console = new TestConsole().Width(width).Colors(Spectre.Console.ColorSystem.Standard).EmitAnsiSequences();
        console.Write(renderable);
        return console.Output;
    }
}
