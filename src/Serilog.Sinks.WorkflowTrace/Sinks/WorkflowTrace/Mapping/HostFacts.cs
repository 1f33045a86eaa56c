using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using Serilog.Debugging;

namespace Serilog.Sinks.WorkflowTrace.Mapping;

/// <summary>
/// Facts about the process and machine that are the same for every document: looked up once, because some
/// (network interfaces) are slow and none change in a way the contract cares about.
/// </summary>
sealed class HostFacts
{
    public required int ProcessId { get; init; }
    public required string? Hostname { get; init; }
    public required string? IpAddress { get; init; }
    public required string RuntimeVersion { get; init; }
    public required string? EntryAssemblyVersion { get; init; }
    public required string? EnvironmentName { get; init; }

    static readonly Lazy<HostFacts> Lazy = new(Discover);

    public static HostFacts Current => Lazy.Value;

    internal static HostFacts Discover() => new()
    {
        ProcessId = Environment.ProcessId,
        Hostname = Safe(() => Environment.MachineName),
        IpAddress = Safe(FindIpAddress),
        RuntimeVersion = RuntimeInformation.FrameworkDescription,
        EntryAssemblyVersion = Safe(() => Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion),
        EnvironmentName = NonEmpty(Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"))
                          ?? NonEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")),
    };

    /// <summary>
    /// The first non-loopback address of an interface that is up, IPv4 preferred. Written without an IPv6 scope
    /// id, which Elasticsearch's <c>ip</c> type would reject.
    /// </summary>
    internal static string? FindIpAddress()
    {
        IPAddress? firstV6 = null;
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                continue;
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                var address = unicast.Address;
                if (IPAddress.IsLoopback(address))
                    continue;
                if (address.AddressFamily == AddressFamily.InterNetwork)
                    return address.ToString();
                if (address.AddressFamily == AddressFamily.InterNetworkV6 && firstV6 is null && !address.IsIPv6LinkLocal)
                    firstV6 = new IPAddress(address.GetAddressBytes());
            }
        }

        return firstV6?.ToString();
    }

    static string? Safe(Func<string?> lookUp)
    {
        try
        {
            return NonEmpty(lookUp());
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("WorkflowTrace: could not look up a host fact; the field is omitted: {0}", ex.Message);
            return null;
        }
    }

    static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
