using Serilog.Sinks.WorkflowTrace.Configuration;

namespace Serilog.Sinks.WorkflowTrace.Tests.Configuration;

/// <summary>
/// A password written into a host URL never reaches a configuration error, whatever characters it holds; the
/// characters a URL allows in a password are read as part of it rather than splitting the host list.
/// </summary>
public class HostUrlSecretTests
{
    static readonly string[] Fragments = ["Zq", "Xk9secret"];

    static Exception Fails(Func<LoggerConfiguration, LoggerConfiguration> configure) =>
        Assert.Catch(() => configure(new LoggerConfiguration()).CreateLogger().Dispose())!;

    static void AssertShowsNoFragment(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            foreach (var fragment in Fragments)
                Assert.That(e.Message, Does.Not.Contain(fragment), $"{e.GetType().Name}.Message shows part of the password");
        }
        foreach (var fragment in Fragments)
            Assert.That(exception.ToString(), Does.Not.Contain(fragment));
    }

    [TestCase("https://elastic:Zq/Xk9secret@es.example:9200")]
    [TestCase("https://elastic:Zq@Xk9secret@es1.example:9200,https://elastic:Zq@Xk9secret@es2.example:9200")]
    [TestCase("https://elastic:Zq@Xk9secret@es1.example:9200;https://elastic:Zq@Xk9secret@es2.example:9200")]
    [TestCase("https://elastic:Zq?Xk9secret@es.example:9200")]
    [TestCase("https://elastic:Zq#Xk9secret@es.example:9200")]
    [TestCase("https://elastic:12/Zq/Xk9secret@es.example:9200")]
    [TestCase("https://elastic:12?Zq,Xk9secret@es.example:9200")]
    [TestCase("https://elastic:Zq.Xk9secret@es.example:9200/?pretty")]
    public void AnUnreadableHostUrlIsRefusedWithoutShowingThePassword(string hosts)
    {
        var exception = Fails(c => c.WriteTo.WorkflowTrace(hosts: hosts));
        Assert.That(exception, Is.InstanceOf<ArgumentException>(), exception.ToString());
        Assert.That(((ArgumentException)exception).ParamName, Is.EqualTo("hosts"));
        AssertShowsNoFragment(exception);
    }

    [TestCase("https://elastic:Zq/Xk9secret@es.example:9200")]
    [TestCase("https://elastic:Zq@Xk9secret@es1.example:9200,https://elastic:Zq@Xk9secret@es2.example:9200")]
    public void AnUnreadableEntryOfTheHostListIsRefusedWithoutShowingThePassword(string item)
    {
        var exception = Fails(c => c.WriteTo.WorkflowTrace(hostList: ["https://es0.example:9200", item]));
        Assert.That(exception, Is.InstanceOf<ArgumentException>(), exception.ToString());
        Assert.That(((ArgumentException)exception).ParamName, Is.EqualTo("hostList"));
        AssertShowsNoFragment(exception);
    }

    [Test]
    public void AnUnreadableHostUrlSaysWhichEntryAndHowToWriteThePassword()
    {
        var exception = (ArgumentException)Fails(c => c.WriteTo.WorkflowTrace(hosts: "https://es0.example:9200,https://elastic:Zq/Xk9secret@es.example:9200"));
        Assert.That(exception.Message, Does.Contain("entry 2 of 2").And.Contain("percent-encode"));
    }

    [TestCase("https://elastic:Zq;Xk9secret@es.example:9200", "Zq;Xk9secret")]
    [TestCase("https://elastic:Zq,Xk9secret@es.example:9200", "Zq,Xk9secret")]
    [TestCase("https://elastic:Zq%2FXk9secret@es.example:9200", "Zq/Xk9secret")]
    [TestCase("https://elastic:Zq%40Xk9secret@es1.example:9200, https://elastic:Zq%40Xk9secret@es2.example:9200", "Zq@Xk9secret")]
    public void APasswordWithSeparatorsOrEncodedCharactersIsReadWhole(string hosts, string password)
    {
        var settings = new WorkflowTraceSettingsBuilder { Hosts = hosts }.Build();
        Assert.That(settings.Username, Is.EqualTo("elastic"));
        Assert.That(settings.Password, Is.EqualTo(password));
        Assert.That(settings.Hosts.Select(h => h.Host), Is.All.Matches<string>(host => host.StartsWith("es", StringComparison.Ordinal) && host.EndsWith(".example", StringComparison.Ordinal)));
    }

    [TestCase("https://elastic:Zq;Xk9secret@es.example:9200")]
    [TestCase("https://elastic:Zq,Xk9secret@es.example:9200")]
    public void AnotherErrorBesideAPasswordWithSeparatorsDoesNotShowIt(string url)
    {
        var exception = Fails(c => c.WriteTo.WorkflowTrace(hosts: url + ";ftp://es2.example:21"));
        Assert.That(exception, Is.InstanceOf<ArgumentException>(), exception.ToString());
        AssertShowsNoFragment(exception);

        exception = Fails(c => c.WriteTo.WorkflowTrace(hosts: url, username: "other", password: "other-password"));
        Assert.That(exception, Is.InstanceOf<ArgumentException>(), exception.ToString());
        AssertShowsNoFragment(exception);
    }
}
