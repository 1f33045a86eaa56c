using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using Serilog.Sinks.WorkflowTrace.Mapping;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Mapping;

/// <summary>Contract rows: error_code, user_id, tenant_id, environment, hostname, ip_address, python_version, runtime_version, package_version.</summary>
public class OriginFieldTests
{
    [Test]
    public void ErrorCodeComesFromTheProperty()
    {
        var doc = DocumentProbe.DocumentFor(log => log.ForContext("ErrorCode", "VALIDATION_ERROR").Error("x"));
        Assert.That(doc.GetProperty("error_code").GetString(), Is.EqualTo("VALIDATION_ERROR"));
    }

    [Test]
    public void UserAndTenantComeFromPropertiesThenOptions()
    {
        var fromProperties = DocumentProbe.DocumentFor(log => log.ForContext("UserId", "user-p").ForContext("tenant_id", "tenant-p").Information("x"),
            b => b.Context = new() { UserId = "user-o", TenantId = "tenant-o" });
        var fromOptions = DocumentProbe.DocumentFor(log => log.Information("x"), b => b.Context = new() { UserId = "user-o", TenantId = "tenant-o" });
        Assert.That(fromProperties.GetProperty("user_id").GetString(), Is.EqualTo("user-p"));
        Assert.That(fromProperties.GetProperty("tenant_id").GetString(), Is.EqualTo("tenant-p"));
        Assert.That(fromOptions.GetProperty("user_id").GetString(), Is.EqualTo("user-o"));
        Assert.That(fromOptions.GetProperty("tenant_id").GetString(), Is.EqualTo("tenant-o"));
    }

    [Test]
    public void EnvironmentComesFromPropertyThenOptionThenTheHostEnvironmentVariable()
    {
        var host = HostFacts.Current;
        var hostWithEnvironment = new HostFacts
        {
            ProcessId = host.ProcessId, Hostname = host.Hostname, IpAddress = host.IpAddress,
            RuntimeVersion = host.RuntimeVersion, EntryAssemblyVersion = host.EntryAssemblyVersion, EnvironmentName = "Staging",
        };
        var fromProperty = DocumentProbe.DocumentFor(log => log.ForContext("Environment", "production").Information("x"), b => b.Context = new() { Environment = "option" }, hostWithEnvironment);
        var fromOption = DocumentProbe.DocumentFor(log => log.Information("x"), b => b.Context = new() { Environment = "option" }, hostWithEnvironment);
        var fromHost = DocumentProbe.DocumentFor(log => log.Information("x"), host: hostWithEnvironment);
        Assert.That(fromProperty.GetProperty("environment").GetString(), Is.EqualTo("production"));
        Assert.That(fromOption.GetProperty("environment").GetString(), Is.EqualTo("option"));
        Assert.That(fromHost.GetProperty("environment").GetString(), Is.EqualTo("Staging"));
    }

    [Test]
    public void TheHostEnvironmentIsReadFromDotnetThenAspnetcoreVariables()
    {
        var savedDotnet = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT");
        var savedAspnet = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT");
        try
        {
            Environment.SetEnvironmentVariable("DOTNET_ENVIRONMENT", null);
            Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", "AspStaging");
            Assert.That(HostFacts.Discover().EnvironmentName, Is.EqualTo("AspStaging"));
            Environment.SetEnvironmentVariable("DOTNET_ENVIRONMENT", "DotnetQa");
            Assert.That(HostFacts.Discover().EnvironmentName, Is.EqualTo("DotnetQa"));
            Environment.SetEnvironmentVariable("DOTNET_ENVIRONMENT", null);
            Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", null);
            Assert.That(HostFacts.Discover().EnvironmentName, Is.Null);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DOTNET_ENVIRONMENT", savedDotnet);
            Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", savedAspnet);
        }
    }

    [Test]
    public void HostnameIsTheMachineName()
    {
        var doc = DocumentProbe.DocumentFor(log => log.Information("x"));
        Assert.That(doc.GetProperty("hostname").GetString(), Is.EqualTo(Environment.MachineName));
    }

    [Test]
    public void IpAddressIsAValidNonLoopbackAddressWithoutScopeWhenTheHostHasOne()
    {
        var doc = DocumentProbe.DocumentFor(log => log.Information("x"));
        if (!doc.TryGetProperty("ip_address", out var ip))
        {
            Assert.That(HostFacts.FindIpAddress(), Is.Null, "omitted although the host has an address");
            return;
        }

        var text = ip.GetString()!;
        Assert.That(IPAddress.TryParse(text, out var address), Is.True, text);
        Assert.That(IPAddress.IsLoopback(address!), Is.False);
        Assert.That(text, Does.Not.Contain("%"), "Elasticsearch's ip type rejects a scope id");
        Assert.That(address!.AddressFamily, Is.EqualTo(AddressFamily.InterNetwork).Or.EqualTo(AddressFamily.InterNetworkV6));
    }

    [Test]
    public void IpAddressIsOmittedWhenTheHostHasNone()
    {
        var host = HostFacts.Current;
        var noAddress = new HostFacts
        {
            ProcessId = host.ProcessId, Hostname = host.Hostname, IpAddress = null,
            RuntimeVersion = host.RuntimeVersion, EntryAssemblyVersion = host.EntryAssemblyVersion, EnvironmentName = null,
        };
        var doc = DocumentProbe.DocumentFor(log => log.Information("x"), host: noAddress);
        Assert.That(doc.TryGetProperty("ip_address", out _), Is.False);
    }

    [Test]
    public void PythonVersionOnlyComesFromAPropertyOfThatName()
    {
        var without = DocumentProbe.DocumentFor(log => log.Information("x"));
        var with = DocumentProbe.DocumentFor(log => log.ForContext("python_version", "3.9.0").Information("x"));
        Assert.That(without.TryGetProperty("python_version", out _), Is.False);
        Assert.That(with.GetProperty("python_version").GetString(), Is.EqualTo("3.9.0"));
    }

    [Test]
    public void RuntimeVersionIsTheRuntimeDescription()
    {
        var doc = DocumentProbe.DocumentFor(log => log.Information("x"));
        Assert.That(doc.GetProperty("runtime_version").GetString(), Is.EqualTo(RuntimeInformation.FrameworkDescription));
        Assert.That(doc.GetProperty("runtime_version").GetString(), Does.StartWith(".NET"));
    }

    [Test]
    public void PackageVersionComesFromTheOption()
    {
        var doc = DocumentProbe.DocumentFor(log => log.Information("x"), b => b.Context = new() { PackageVersion = "1.2.3" });
        Assert.That(doc.GetProperty("package_version").GetString(), Is.EqualTo("1.2.3"));
    }

    [Test]
    public void PackageVersionDefaultsToTheEntryAssemblysInformationalVersion()
    {
        var host = HostFacts.Current;
        var withVersion = new HostFacts
        {
            ProcessId = host.ProcessId, Hostname = host.Hostname, IpAddress = host.IpAddress,
            RuntimeVersion = host.RuntimeVersion, EntryAssemblyVersion = "4.5.6+abc", EnvironmentName = null,
        };
        var doc = DocumentProbe.DocumentFor(log => log.Information("x"), host: withVersion);
        Assert.That(doc.GetProperty("package_version").GetString(), Is.EqualTo("4.5.6+abc"));
        Assert.That(HostFacts.Discover().EntryAssemblyVersion,
            Is.EqualTo(Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion));
    }
}
