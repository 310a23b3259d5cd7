using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AuthApi.EndToEndTests.Infrastructure;

namespace AuthApi.EndToEndTests;

/// <summary>
/// The development provider started where another process already listens: it stops with one line naming the port and
/// the setting that moves it, and no stack trace.
/// </summary>
public sealed class PortInUseTests
{
    [Fact]
    public async Task AuthApisPortInUseEndsWithOneLineNamingTheDevSetting()
    {
        using var holder = HoldPort(out var heldUrl);

        var run = await RunDevProviderAsync("--urls", FreeUrl(), "--DevIdentityProvider:AuthApiUrl", heldUrl);

        AssertOneLine(run, heldUrl, "--DevIdentityProvider:AuthApiUrl");
    }

    [Fact]
    public async Task TheProvidersPortInUseEndsWithOneLineNamingUrls()
    {
        using var holder = HoldPort(out var heldUrl);

        var run = await RunDevProviderAsync("--urls", heldUrl, "--DevIdentityProvider:AuthApiUrl", FreeUrl());

        AssertOneLine(run, heldUrl, "--urls");
    }

    private static void AssertOneLine(ProcessRun run, string heldUrl, string setting)
    {
        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal($"Port {new Uri(heldUrl).Port} is already in use ({heldUrl}): stop the other process or choose another with {setting}.", line);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Output, StringComparison.Ordinal);
    }

    private static Task<ProcessRun> RunDevProviderAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AuthApi.DevIdentityProvider.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return ChildProcess.RunAsync(() => Process.Start(start)!, TimeSpan.FromSeconds(60), "the development provider");
    }

    private static TcpListener HoldPort(out string url)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        return listener;
    }

    private static string FreeUrl()
    {
        using var listener = HoldPort(out var url);
        return url;
    }
}
