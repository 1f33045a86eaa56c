using System.Collections;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;

namespace Serilog.Sinks.WorkflowTrace.Tests.Support;

/// <summary>
/// Where two validated settings objects differ, as paths such as <c>Bootstrap.Shards</c>: the sink's own types are
/// compared property by property through their public getters (so a setting added later is compared without a
/// change here), lists item by item, certificates by their bytes.
/// </summary>
static class SettingsDifferences
{
    static readonly Assembly Sink = typeof(WorkflowTraceSinkOptions).Assembly;

    public static IReadOnlyList<string> Between(object? left, object? right)
    {
        var found = new List<string>();
        Compare(left, right, "", found);
        return found;
    }

    static void Compare(object? left, object? right, string path, List<string> found)
    {
        if (left is null || right is null)
        {
            if (left is not null || right is not null)
                found.Add(path);
            return;
        }
        if (left is X509Certificate leftCertificate && right is X509Certificate rightCertificate)
        {
            if (!leftCertificate.GetRawCertData().AsSpan().SequenceEqual(rightCertificate.GetRawCertData()))
                found.Add(path);
            return;
        }
        if (left is not string && left is IEnumerable leftItems && right is IEnumerable rightItems)
        {
            var a = leftItems.Cast<object?>().ToList();
            var b = rightItems.Cast<object?>().ToList();
            if (a.Count != b.Count)
                found.Add(path);
            else
            {
                for (var i = 0; i < a.Count; i++)
                    Compare(a[i], b[i], $"{path}[{i}]", found);
            }
            return;
        }
        var type = left.GetType();
        if (type.Assembly == Sink && !type.IsEnum && type == right.GetType())
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
                Compare(property.GetValue(left), property.GetValue(right), path.Length == 0 ? property.Name : $"{path}.{property.Name}", found);
            return;
        }
        if (!Equals(left, right))
            found.Add(path);
    }
}
