using Serilog.Sinks.WorkflowTrace.Buffering;

namespace Serilog.Sinks.WorkflowTrace.Tests.Buffering;

public class BufferDirectoryTests : BufferTestDirectory
{
    [Test]
    public void Opening_creates_the_directory_and_its_lock_file()
    {
        using var directory = BufferDirectory.Open(Path);

        Assert.That(File.Exists(System.IO.Path.Combine(Path, BufferDirectory.LockFileName)), Is.True);
    }

    [Test]
    public void A_second_opener_in_the_same_process_is_refused_with_an_error_naming_the_path()
    {
        using var first = BufferDirectory.Open(Path);

        var refused = Assert.Throws<BufferDirectoryInUseException>(() => BufferDirectory.Open(Path))!;

        Assert.That(refused, Is.InstanceOf<IOException>());
        Assert.That(refused.Message, Does.Contain(first.Path).And.Contain("in use by another WorkflowTrace sink"));
    }

    [Test]
    public void The_directory_can_be_opened_again_once_its_owner_is_disposed()
    {
        BufferDirectory.Open(Path).Dispose();

        using var again = BufferDirectory.Open(Path);

        Assert.That(again.Path, Is.EqualTo(System.IO.Path.GetFullPath(Path)));
    }

    [Test]
    public void A_directory_held_by_another_process_is_refused()
    {
        using var child = BufferCrashChild.Start("hold", Path);
        try
        {
            Assert.That(child.StandardOutput.ReadLine(), Is.EqualTo("locked"));

            var refused = Assert.Throws<BufferDirectoryInUseException>(() => BufferDirectory.Open(Path))!;

            Assert.That(refused.Message, Does.Contain(System.IO.Path.GetFullPath(Path)));
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    [Test]
    public void Another_process_is_refused_a_directory_this_process_holds()
    {
        using var owner = BufferDirectory.Open(Path);
        using var child = BufferCrashChild.Start("hold", Path);

        var answer = child.StandardOutput.ReadLine();
        child.StandardInput.Close();
        child.WaitForExit();

        Assert.That(answer, Does.StartWith("refused: ").And.Contain(owner.Path));
    }

    [Test]
    public void A_killed_owner_leaves_the_directory_free_for_the_next()
    {
        using (var child = BufferCrashChild.Start("hold", Path))
        {
            Assert.That(child.StandardOutput.ReadLine(), Is.EqualTo("locked"));
            child.Kill();
            child.WaitForExit();
        }

        using var next = BufferDirectory.Open(Path);

        Assert.That(next.Path, Is.EqualTo(System.IO.Path.GetFullPath(Path)));
    }
}
