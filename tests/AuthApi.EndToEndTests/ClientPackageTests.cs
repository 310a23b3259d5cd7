using System.Security.Cryptography;
using AuthApi.EndToEndTests.Infrastructure;

namespace AuthApi.EndToEndTests;

/// <summary>
/// AuthApi.Client as a stranger gets it: packed into a folder feed, installed by version into a console app
/// (tests/PackageConsumer) from a fresh packages folder, and run against the running service.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ClientPackageTests(RunningStack stack) : IDisposable
{
    private static readonly string ClientProject = RepositoryFolder.PathOf(Path.Combine("src", "AuthApi.Client"));
    private static readonly string ContractsProject = RepositoryFolder.PathOf(Path.Combine("src", "AuthApi.Contracts"));
    private static readonly string ConsumerProject = RepositoryFolder.PathOf(Path.Combine("tests", "PackageConsumer"));
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("authapi-package-");

    [Fact]
    public async Task AConsoleAppInstallsThePackageFromAFeedAndReadsTheUserThroughIt()
    {
        var feed = _work.CreateSubdirectory("feed");
        var packages = _work.CreateSubdirectory("packages");
        // The client and the contracts it depends on are already built with these tests, in their configuration.
        foreach (var project in new[] { ContractsProject, ClientProject })
        {
            var pack = await DotnetCli.RunAsync(["pack", project, "-c", DotnetCli.BuildConfiguration, "--no-build", "-o", feed.FullName], Timeout);
            Assert.True(pack.ExitCode == 0, $"dotnet pack failed: {pack}");
        }
        var package = Assert.Single(feed.GetFiles("AuthApi.Client.*.nupkg"));
        var version = package.Name["AuthApi.Client.".Length..^".nupkg".Length];
        var versionProperty = $"-p:AuthApiClientVersion={version}";

        // A fresh packages folder, so no AuthApi.Client installed before can stand in; the feed comes on top of the usual sources.
        var restore = await DotnetCli.RunAsync(
            ["restore", ConsumerProject, "--packages", packages.FullName, $"-p:RestoreAdditionalProjectSources={feed.FullName}", versionProperty], Timeout);
        Assert.True(restore.ExitCode == 0, $"dotnet restore failed: {restore}");
        var cookies = await HttpLogin.LogInAsync(stack, "ada");
        var loggedIn = await RunConsumerAsync(["--no-restore", versionProperty], cookies.GetCookieHeader(stack.ApiUrl));
        var anonymous = await RunConsumerAsync(["--no-build"], cookieHeader: "");

        var installed = Path.Combine(packages.FullName, "authapi.client", version.ToLowerInvariant(), $"authapi.client.{version.ToLowerInvariant()}.nupkg");
        Assert.True(File.Exists(installed), $"AuthApi.Client {version} was not installed from the feed into {packages.FullName}.");
        Assert.Equal(Sha256(package.FullName), Sha256(installed));
        Assert.True(loggedIn.ExitCode == 0 && loggedIn.Output.Contains("logged in as ada", StringComparison.Ordinal), $"The consumer, logged in: {loggedIn}");
        Assert.True(anonymous.ExitCode == 0 && anonymous.Output.Contains("anonymous: not_authenticated", StringComparison.Ordinal), $"The consumer, anonymous: {anonymous}");
    }

    public void Dispose() => _work.Delete(recursive: true);

    private async Task<ProcessRun> RunConsumerAsync(IEnumerable<string> options, string cookieHeader) =>
        await DotnetCli.RunAsync(
            ["run", "--project", ConsumerProject, .. options, "--", stack.ApiUrl.ToString()],
            Timeout,
            new Dictionary<string, string> { ["AUTHAPI_COOKIE"] = cookieHeader });

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
