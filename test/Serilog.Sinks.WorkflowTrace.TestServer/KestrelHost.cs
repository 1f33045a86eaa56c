using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// One run of a node's Kestrel listener on 127.0.0.1. A stopped Kestrel cannot start again, so a restart builds a new
/// host on the port the first run was given.
/// </summary>
internal sealed class KestrelHost
{
    // Rebinding right after a stop can briefly find the port still held while the old sockets close.
    private static readonly TimeSpan BindPatience = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;

    private KestrelHost(WebApplication app, CancellationTokenSource stopping, Uri url)
    {
        _app = app;
        _stopping = stopping;
        Url = url;
    }

    /// <summary>The base address, with a trailing slash.</summary>
    public Uri Url { get; }

    /// <summary>Starts listening on <paramref name="port"/> (0: a free one); the handler is told when this run stops.</summary>
    public static async Task<KestrelHost> StartAsync(FakeElasticsearchOptions options, int port, Func<HttpContext, CancellationToken, Task> handler)
    {
        var deadline = DateTimeOffset.UtcNow + BindPatience;
        while (true)
        {
            var stopping = new CancellationTokenSource();
            var app = Build(options, port);
            app.Run(context => handler(context, stopping.Token));
            try
            {
                await app.StartAsync();
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                return new KestrelHost(app, stopping, new Uri(address.TrimEnd('/') + "/"));
            }
            catch (IOException) when (port != 0 && DateTimeOffset.UtcNow < deadline)
            {
                await app.DisposeAsync();
                stopping.Dispose();
                await Task.Delay(TimeSpan.FromMilliseconds(50));
            }
            catch
            {
                await app.DisposeAsync();
                stopping.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// Stops listening, cuts off handlers still waiting, and closes connections: open ones get <paramref name="grace"/>
    /// to finish their request, then are aborted.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        await _stopping.CancelAsync();
        using (var timeout = new CancellationTokenSource(grace))
        {
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Connections still open after the grace period are aborted; that is fine for a test server.
            }
        }

        await _app.DisposeAsync();

        // Not disposed: handlers of aborted connections may still be linking to its token.
    }

    private static WebApplication Build(FakeElasticsearchOptions options, int port)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());

        // Keep test output clean: nothing from ASP.NET Core's own logging.
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // The size limit is Elasticsearch's to enforce (413), not Kestrel's.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                if (options.ServerCertificate is { } certificate)
                {
                    listen.UseHttps(https => Https(https, certificate, options));
                }
            });
        });

        return builder.Build();
    }

    private static void Https(HttpsConnectionAdapterOptions https, X509Certificate2 certificate, FakeElasticsearchOptions options)
    {
        https.ServerCertificate = certificate;
        https.ServerCertificateChain = options.ServerCertificateChain;
        if (options.ClientCertificateAuthority is { } authority)
        {
            // Like xpack.security.http.ssl.client_authentication: required, trusting only that authority.
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (client, _, _) => ClientCertificates.IssuedBy(client, authority);
        }
    }
}
