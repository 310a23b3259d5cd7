using System.Net.Sockets;

namespace AuthApi.Tests.Logging;

/// <summary>
/// The built service started on a port another process holds: it stops with one line naming the port and how to
/// choose another, and no stack trace (the host would log one and the unhandled exception print another).
/// </summary>
public sealed class PortInUseTests : IDisposable
{
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("authapi-port-").FullName;

    [Fact]
    public async Task APortInUseStopsTheServiceWithOneLineNamingItAndNoStackTrace()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        await using var service = ServiceProcess.Start(_workDirectory, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Auth__RedirectUri"] = $"http://127.0.0.1:{port}/oauth2callback",
            ["Auth__Providers__idp__ServerMetadataUrl"] = "https://idp.example.com/.well-known/openid-configuration",
            ["Auth__Providers__idp__ClientId"] = "client-id",
            ["Auth__Providers__idp__ClientSecret"] = "client-secret",
        });
        var exited = await service.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exited, "The service kept running on a port in use.");
        Assert.NotEqual(0, service.ExitCode);
        var line = Assert.Single(service.ErrorLines);
        Assert.StartsWith($"Port {port} is already in use (http://127.0.0.1:{port})", line, StringComparison.Ordinal);
        Assert.Contains("--urls", line, StringComparison.Ordinal);
        Assert.DoesNotContain(service.OutputLines, output => output.StartsWith("   at ", StringComparison.Ordinal) || output.Contains("Exception", StringComparison.Ordinal));
    }

    [Fact]
    public void AMessageWithoutAnAddressStillGivesOneLineWithTheSetting()
    {
        var line = PortInUse.Describe("Address already in use", "--urls");

        Assert.Equal("An address is already in use (Address already in use): stop the other process or choose another with --urls.", line);
    }

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);
}
