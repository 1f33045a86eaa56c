using Serilog.Sinks.WorkflowTrace.Contract;

namespace WorkflowTrace.Cli.Export;

/// <summary>One stored field of an entry: its contract name and its value as read (text, number, boolean, tags, or raw JSON).</summary>
readonly record struct EntryField(string Name, TraceField? Field, object Value);
