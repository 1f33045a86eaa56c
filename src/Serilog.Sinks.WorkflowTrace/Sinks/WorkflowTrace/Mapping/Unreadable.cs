namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// What is written in place of something an application's value or exception would not let the sink read: a
/// <c>ToString</c>, an exception's <c>Message</c> or <c>StackTrace</c> that throws. The placeholder names the
/// member and the type of what it threw, never that exception's message — which may throw too.
/// </summary>
static class Unreadable
{
    /// <summary>Used when not even the type of the thrown exception can be named.</summary>
    public const string Fallback = "<value could not be read>";

    /// <summary><c>&lt;ToString() threw InvalidOperationException&gt;</c>, for <paramref name="member"/> <c>ToString()</c>.</summary>
    public static string Placeholder(string member, Exception thrown)
    {
        try
        {
            return $"<{member} threw {thrown.GetType().Name}>";
        }
        catch (Exception)
        {
            return Fallback;
        }
    }

    /// <summary>The exception's message, or a placeholder when reading it throws.</summary>
    public static string MessageOf(Exception exception)
    {
        try
        {
            return exception.Message;
        }
        catch (Exception thrown)
        {
            return Placeholder("Message", thrown);
        }
    }

    /// <summary>"Type: message", whatever the exception's members do: for reports about an exception the sink caught.</summary>
    public static string Describe(Exception exception)
    {
        string type;
        try
        {
            type = exception.GetType().Name;
        }
        catch (Exception)
        {
            type = "Exception";
        }
        return $"{type}: {MessageOf(exception)}";
    }

    /// <summary>
    /// The exception's full text (<c>ToString()</c>: inner exceptions and stack frames); when that throws, what can
    /// be read of it — type, message, stack trace — each replaced by a placeholder that could not.
    /// </summary>
    public static string FullTextOf(Exception exception)
    {
        try
        {
            return exception.ToString();
        }
        catch (Exception thrown)
        {
            string stackTrace;
            try
            {
                stackTrace = exception.StackTrace ?? "";
            }
            catch (Exception stackThrown)
            {
                stackTrace = Placeholder("StackTrace", stackThrown);
            }
            return $"{TypeNameOf(exception)}: {MessageOf(exception)}{Environment.NewLine}{Placeholder("ToString()", thrown)}" +
                   (stackTrace.Length == 0 ? "" : Environment.NewLine + stackTrace);
        }
    }

    /// <summary>The exception's full type name; for a recorded one (<see cref="IRecordedException"/>), the original's.</summary>
    public static string TypeNameOf(Exception exception)
    {
        try
        {
            if (exception is IRecordedException recorded)
                return recorded.TypeName;
            var type = exception.GetType();
            return type.FullName ?? type.Name;
        }
        catch (Exception)
        {
            return "Exception";
        }
    }
}
