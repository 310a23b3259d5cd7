using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AuthApi.EndToEndTests.Infrastructure;

namespace AuthApi.EndToEndTests;

/// <summary>
/// The packages as a stranger gets them: packed into a folder feed (<see cref="PackageFeed"/>), with the versions a local pack
/// gets, and AuthApi.Client installed by version into a console app (tests/PackageConsumer) from a fresh packages folder and run
/// against the running service.
/// </summary>
[Collection(StackCollection.Name)]
public sealed partial class ClientPackageTests(RunningStack stack)
{
    private static readonly string ConsumerProject = RepositoryFolder.PathOf(Path.Combine("tests", "PackageConsumer"));
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task AConsoleAppInstallsThePackageFromAFeedAndReadsTheUserThroughIt()
    {
        var feed = await PackageFeed.GetAsync();
        var package = feed.PackageFile("AuthApi.Client");
        var version = feed.Version;

        var restore = await DotnetCli.RunAsync(["restore", ConsumerProject, "--packages", feed.Packages.FullName, .. feed.RestoreProperties], Timeout);
        Assert.True(restore.ExitCode == 0, $"dotnet restore failed: {restore}");
        var cookies = await HttpLogin.LogInAsync(stack, "ada");
        var loggedIn = await RunConsumerAsync(["--no-restore", $"-p:AuthApiClientVersion={version}"], cookies.GetCookieHeader(stack.ApiUrl));
        var anonymous = await RunConsumerAsync(["--no-build"], cookieHeader: "");

        var installed = Path.Combine(feed.Packages.FullName, "authapi.client", version.ToLowerInvariant(), $"authapi.client.{version.ToLowerInvariant()}.nupkg");
        Assert.True(File.Exists(installed), $"AuthApi.Client {version} was not installed from the feed into {feed.Packages.FullName}.");
        Assert.Equal(Sha256(package.FullName), Sha256(installed));
        Assert.True(loggedIn.ExitCode == 0 && loggedIn.Output.Contains("logged in as ada", StringComparison.Ordinal), $"The consumer, logged in: {loggedIn}");
        Assert.True(anonymous.ExitCode == 0 && anonymous.Output.Contains("anonymous: not_authenticated", StringComparison.Ordinal), $"The consumer, anonymous: {anonymous}");
    }

    [Fact]
    public async Task ALocalPackGivesThePackagesOneDevVersionAndEachDependsOnExactlyThePackagePackedBesideIt()
    {
        var feed = await PackageFeed.GetAsync();

        var versions = new[] { "AuthApi.Contracts", "AuthApi.Client", "AuthApi.Client.AspNetCore" }.Select(feed.VersionOf).Distinct();

        var version = Assert.Single(versions);
        Assert.Matches($@"^{Regex.Escape(VersionPrefix())}-dev\.\d{{14}}$", version);
        Assert.Equal(version, feed.Version);
        Assert.Equal(version, feed.DependencyVersion("AuthApi.Client", "AuthApi.Contracts"));
        Assert.Equal(version, feed.DependencyVersion("AuthApi.Client.AspNetCore", "AuthApi.Client"));
    }

    [Fact]
    public async Task APublicReleasePackHasThePlainVersionAndDependsOnThePlainVersion()
    {
        var feed = await PackageFeed.GetAsync();
        var release = feed.CreateWorkFolder("release-" + Guid.NewGuid().ToString("N"));
        var project = RepositoryFolder.PathOf(Path.Combine("src", "AuthApi.Client.AspNetCore"));

        var pack = await DotnetCli.RunAsync(
            ["pack", project, "-c", DotnetCli.BuildConfiguration, "--no-build", "-p:PublicRelease=true", "-o", release.FullName], Timeout);

        Assert.True(pack.ExitCode == 0, $"dotnet pack failed: {pack}");
        var package = Assert.Single(release.GetFiles("*.nupkg"));
        Assert.Equal($"AuthApi.Client.AspNetCore.{VersionPrefix()}.nupkg", package.Name);
        Assert.Equal(VersionPrefix(), PackageFeed.DependencyVersion(package, "AuthApi.Client"));
    }

    private async Task<ProcessRun> RunConsumerAsync(IEnumerable<string> options, string cookieHeader) =>
        await DotnetCli.RunAsync(
            ["run", "--project", ConsumerProject, .. options, "--", stack.ApiUrl.ToString()],
            Timeout,
            new Dictionary<string, string> { ["AUTHAPI_COOKIE"] = cookieHeader });

    /// <summary>The version the repository sets, before any prerelease label.</summary>
    private static string VersionPrefix() =>
        XDocument.Load(RepositoryFolder.PathOf("Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
