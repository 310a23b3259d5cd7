using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AuthApi.EndToEndTests.Infrastructure;

namespace AuthApi.EndToEndTests;

/// <summary>
/// The packages as a stranger gets them: packed into a folder feed (<see cref="PackageFeed"/>), with the versions git gives them
/// (MinVer), and AuthApi.Client installed by version into a console app (tests/PackageConsumer) from a fresh packages folder and run
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
    public async Task ALocalPackGivesThePackagesOneVersionFromGitAndEachDependsOnThePackagePackedBesideIt()
    {
        var feed = await PackageFeed.GetAsync();
        // The version tags on the checked-out commit: MinVer packs a tagged commit as the tag's version.
        var tags = (await GitAsync(["-C", RepositoryFolder.Root, "tag", "--points-at", "HEAD", "--list", "v*"])).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var versions = new[] { "AuthApi.Contracts", "AuthApi.Client", "AuthApi.Client.AspNetCore" }.Select(feed.VersionOf).Distinct();

        var version = Assert.Single(versions);
        if (tags.Length > 0)
        {
            Assert.Contains(version, tags.Select(tag => tag[1..]));
        }
        else
        {
            // MinVer's for an untagged commit: <next version>-alpha.0.<commits since the last v tag, or since the first commit>.
            var match = UntaggedMinVerVersion().Match(version);
            Assert.True(match.Success, $"{version} is not the version MinVer gives an untagged commit.");
            Assert.True(Version.Parse(match.Groups["core"].Value) >= new Version(0, 1), $"{version} is below the 0.1 line.");
        }
        Assert.Equal(version, feed.Version);
        Assert.Equal(version, feed.DependencyVersion("AuthApi.Client", "AuthApi.Contracts"));
        Assert.Equal(version, feed.DependencyVersion("AuthApi.Client.AspNetCore", "AuthApi.Client"));
    }

    [Fact]
    public async Task ACommitTaggedWithAVersionPacksThatVersionInAFreshCloneAndDependsOnIt()
    {
        var feed = await PackageFeed.GetAsync();
        var work = feed.CreateWorkFolder("release-" + Guid.NewGuid().ToString("N"));
        var clone = Path.Combine(work.FullName, "repository");
        var output = work.CreateSubdirectory("feed");

        // The checked-out commit, as a fresh clone gets it: uncommitted changes are not in it.
        await GitAsync(["clone", "--quiet", "--local", RepositoryFolder.Root, clone]);
        await GitAsync(["-C", clone, "tag", "v9.9.9"]);
        var pack = await DotnetCli.RunAsync(
            ["pack", Path.Combine(clone, "src", "AuthApi.Client"), "-c", DotnetCli.BuildConfiguration, "-o", output.FullName], Timeout);

        Assert.True(pack.ExitCode == 0, $"dotnet pack failed: {pack}");
        var package = Assert.Single(output.GetFiles("*.nupkg"));
        Assert.Equal("AuthApi.Client.9.9.9.nupkg", package.Name);
        Assert.Equal("9.9.9", PackageFeed.DependencyVersion(package, "AuthApi.Contracts"));
    }

    private async Task<ProcessRun> RunConsumerAsync(IEnumerable<string> options, string cookieHeader) =>
        await DotnetCli.RunAsync(
            ["run", "--project", ConsumerProject, .. options, "--", stack.ApiUrl.ToString()],
            Timeout,
            new Dictionary<string, string> { ["AUTHAPI_COOKIE"] = cookieHeader });

    private static async Task<ProcessRun> GitAsync(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("git", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var run = await ChildProcess.RunAsync(() => Process.Start(start)!, Timeout, "git");
        Assert.True(run.ExitCode == 0, $"git {string.Join(' ', arguments)} failed: {run}");
        return run;
    }

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    // A depth-1 shallow clone's commit has height 0, which MinVer leaves out.
    [GeneratedRegex(@"^(?<core>\d+\.\d+\.\d+)-alpha\.0(\.\d+)?$")]
    private static partial Regex UntaggedMinVerVersion();
}
