using System.Collections;

namespace Serilog.Sinks.WorkflowTrace.Bulk;

/// <summary>
/// The items of a bulk response whose every item said the same (nearly always: all created): one item standing for
/// all of them, instead of a list of thousands of equal entries.
/// </summary>
sealed class UniformItemList(int count, BulkItemResult item) : IReadOnlyList<BulkItemResult>
{
    public int Count => count;

    public BulkItemResult this[int index] =>
        (uint)index < (uint)count ? item : throw new ArgumentOutOfRangeException(nameof(index), index, $"the response has {count} items");

    public IEnumerator<BulkItemResult> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
            yield return item;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
