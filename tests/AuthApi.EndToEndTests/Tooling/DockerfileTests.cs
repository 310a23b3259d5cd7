using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using AuthApi.EndToEndTests.Infrastructure;

namespace AuthApi.EndToEndTests.Tooling;

/// <summary>
/// The Dockerfile checked without a Docker engine: its build stage replayed in a folder holding only what it copies (so a
/// missing COPY fails here), and its health check run against the published service on a configured port.
/// </summary>
public sealed class DockerfileTests : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("authapi-docker-");

    [Fact]
    public async Task TheBuildStagePublishesFromWhatItCopiesAndTheHealthCheckAsksTheConfiguredPort()
    {
        var dockerfile = Dockerfile.Load();
        var app = Path.Combine(_work.FullName, "app");

        var arguments = await ReplayBuildStageAsync(dockerfile.Stages[0], app);
        // The build context has no .git: the version is the VERSION argument's, never MinVer's warning and default.
        Assert.Equal(arguments["VERSION"], FileVersionInfo.GetVersionInfo(Path.Combine(app, "AuthApi.dll")).ProductVersion);
        var healthCheck = HealthCheckCommand(dockerfile.Stages[^1]);
        var port = FreePort();
        await using (var service = await StartAsync(app, port))
        {
            // The first of several ports is the one asked (ASPNETCORE_HTTP_PORTS is a ; or , separated list).
            var healthy = await RunBashAsync(healthCheck, new() { ["ASPNETCORE_HTTP_PORTS"] = $"{port};{FreePort()}" });
            Assert.True(healthy.ExitCode == 0, $"The health check failed on a running service: {healthy}");
        }
        var stopped = await RunBashAsync(healthCheck, new() { ["ASPNETCORE_HTTP_PORTS"] = $"{port}" });
        Assert.NotEqual(0, stopped.ExitCode);
    }

    [Fact]
    public void TheImageRunsAsTheBaseImagesNonRootUserAndCrossBuildsOnTheBuildersPlatform()
    {
        var dockerfile = Dockerfile.Load();
        var build = dockerfile.Stages[0];
        var run = dockerfile.Stages[^1];

        Assert.StartsWith("--platform=$BUILDPLATFORM ", build[0].Arguments, StringComparison.Ordinal);
        Assert.All(build.Where(instruction => instruction.Keyword == "RUN"), instruction =>
        {
            Assert.Contains("-a $TARGETARCH", instruction.Arguments, StringComparison.Ordinal);
            Assert.StartsWith("--mount=type=cache,id=nuget,target=/root/.nuget/packages ", instruction.Arguments, StringComparison.Ordinal);
        });
        Assert.Equal("$APP_UID", run.Last(instruction => instruction.Keyword == "USER").Arguments);
        var globalJson = JsonNode.Parse(File.ReadAllText(RepositoryFolder.PathOf("global.json")))!["sdk"]!;
        // Any SDK image of this major version must build: feature band 100 rolled forward to whatever band the image has.
        Assert.EndsWith(".100", (string)globalJson["version"]!, StringComparison.Ordinal);
        Assert.Equal("latestFeature", (string)globalJson["rollForward"]!);
    }

    public void Dispose() => _work.Delete(recursive: true);

    /// <summary>Runs the stage's instructions as Docker would, and returns its build arguments (ARG defaults, TARGETARCH).</summary>
    private async Task<Dictionary<string, string>> ReplayBuildStageAsync(IReadOnlyList<Dockerfile.Instruction> stage, string app)
    {
        var workdir = _work.FullName;
        var arguments = new Dictionary<string, string> { ["TARGETARCH"] = RuntimeArchitecture() };
        foreach (var instruction in stage)
        {
            switch (instruction.Keyword)
            {
                case "ARG" when instruction.Arguments.Contains('=', StringComparison.Ordinal):
                    var argument = instruction.Arguments.Split('=', 2);
                    arguments[argument[0]] = argument[1];
                    break;
                case "WORKDIR":
                    workdir = Directory.CreateDirectory(Path.Combine(_work.FullName, instruction.Arguments.TrimStart('/'))).FullName;
                    break;
                case "COPY":
                    var parts = Dockerfile.CommandOf(instruction).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    foreach (var source in parts[..^1])
                    {
                        Copy(RepositoryFolder.PathOf(source), Path.Combine(workdir, parts[^1]));
                    }
                    break;
                case "RUN":
                    var command = Dockerfile.CommandOf(instruction).Replace(" /app ", $" {app} ", StringComparison.Ordinal);
                    var run = await RunBashAsync(command, arguments, workdir, BuildTimeout);
                    Assert.True(run.ExitCode == 0, $"RUN {command} failed: {run}");
                    break;
            }
        }
        Assert.True(File.Exists(Path.Combine(app, "AuthApi.dll")), $"The build stage published no AuthApi.dll to {app}.");
        return arguments;
    }

    private static string HealthCheckCommand(IReadOnlyList<Dockerfile.Instruction> stage)
    {
        var healthCheck = stage.Single(instruction => instruction.Keyword == "HEALTHCHECK").Arguments;
        var exec = JsonNode.Parse(healthCheck[(healthCheck.IndexOf("CMD ", StringComparison.Ordinal) + 4)..])!.AsArray();
        Assert.Equal(["bash", "-c"], exec.Take(2).Select(part => (string)part!));
        return (string)exec[2]!;
    }

    private static void Copy(string source, string destination)
    {
        if (File.Exists(source))
        {
            Directory.CreateDirectory(destination);
            File.Copy(source, Path.Combine(destination, Path.GetFileName(source)), overwrite: true);
            return;
        }
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
            .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private async Task<ServiceUnderCheck> StartAsync(string app, int port)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(app, "AuthApi.dll")])
        {
            WorkingDirectory = app,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["Auth__DataProtection__KeysPath"] = Path.Combine(_work.FullName, "keys");
        start.Environment["Auth__RedirectUri"] = "https://auth.example.com/oauth2callback";
        start.Environment["Auth__ServerMetadataUrl"] = "https://idp.example.com/.well-known/openid-configuration";
        start.Environment["Auth__ClientId"] = "client-id";
        start.Environment["Auth__ClientSecret"] = "client-secret";
        var service = new ServiceUnderCheck(Process.Start(start)!);
        using var client = new HttpClient();
        for (var attempt = 0; attempt < 150; attempt++)
        {
            try
            {
                if ((await client.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode)
                {
                    return service;
                }
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        await service.DisposeAsync();
        throw new TimeoutException($"The published service did not answer /healthz on port {port}.");
    }

    private static async Task<ProcessRun> RunBashAsync(string command, Dictionary<string, string> environment, string? workdir = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("bash", ["-c", command])
        {
            WorkingDirectory = workdir ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var inherited in start.Environment.Keys.Where(key => key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return await ChildProcess.RunAsync(() => Process.Start(start)!, timeout ?? TimeSpan.FromSeconds(30), command);
    }

    // Docker's TARGETARCH names (amd64, arm64), which `dotnet -a` accepts.
    private static string RuntimeArchitecture() =>
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "amd64";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class ServiceUnderCheck(Process process) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }
}
