using System.Diagnostics;
using System.Net;
using System.Text;

namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>
/// tests/PackageWebApp installed from the <see cref="PackageFeed"/> (built once per run) and running as a real process on a free
/// port of AuthApi's loopback host: cookies are not port-specific, so the browser sends AuthApi's cookies to it too.
/// </summary>
public sealed class PackageWebAppProcess : IAsyncDisposable
{
    private static readonly string Project = RepositoryFolder.PathOf(Path.Combine("tests", "PackageWebApp"));
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);
    private static readonly Lazy<Task<string>> Built = new(BuildAsync);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PackageWebAppProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>What the app printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the app for AuthApi at <paramref name="authApiUrl"/>; <paramref name="cookieForwarding"/> is its CookieForwarding setting.</summary>
    public static async Task<PackageWebAppProcess> StartAsync(Uri authApiUrl, string cookieForwarding)
    {
        var assembly = await Built.Value;
        var url = new Uri($"http://{authApiUrl.Host}:{RunningStack.FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { assembly, "--urls", url.ToString().TrimEnd('/'), "--AuthApiUrl", authApiUrl.ToString(), "--CookieForwarding", cookieForwarding })
        {
            start.ArgumentList.Add(argument);
        }
        var app = new PackageWebAppProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."), url);
        app._process.OutputDataReceived += (_, line) => app.Append(line.Data);
        app._process.ErrorDataReceived += (_, line) => app.Append(line.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        await app.WaitUntilAnsweringAsync();
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary>Restores the app from the feed, by version, into the feed's fresh packages folder, and builds it; returns its assembly.</summary>
    private static async Task<string> BuildAsync()
    {
        var feed = await PackageFeed.GetAsync();
        var output = feed.CreateWorkFolder("web-app");
        var restore = await DotnetCli.RunAsync(["restore", Project, "--packages", feed.Packages.FullName, .. feed.RestoreProperties], BuildTimeout);
        Assert.True(restore.ExitCode == 0, $"dotnet restore failed: {restore}");
        var build = await DotnetCli.RunAsync(["build", Project, "--no-restore", "-o", output.FullName, .. feed.RestoreProperties], BuildTimeout);
        Assert.True(build.ExitCode == 0, $"dotnet build failed: {build}");
        return Path.Combine(output.FullName, "PackageWebApp.dll");
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The web app exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await client.GetAsync(Url)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The web app did not answer within 30 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
