using System.IO.Compression;
using System.Xml.Linq;

namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>
/// The packages as a stranger gets them: <c>dotnet pack AuthApi.sln</c> (README's command) into a folder feed, once per test run,
/// and a fresh packages folder for the apps that install them, so nothing installed before can stand in for them.
/// </summary>
public sealed class PackageFeed
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);
    private static readonly Lazy<Task<PackageFeed>> Shared = new(PackAsync);

    private PackageFeed(DirectoryInfo folder, DirectoryInfo packages, string version)
    {
        Folder = folder;
        Packages = packages;
        Version = version;
    }

    /// <summary>The feed: one .nupkg per package.</summary>
    public DirectoryInfo Folder { get; }

    /// <summary>Where the apps under test install packages (<c>dotnet restore --packages</c>).</summary>
    public DirectoryInfo Packages { get; }

    /// <summary>AuthApi.Client's version, read from its file name as a stranger would.</summary>
    public string Version { get; }

    /// <summary>The properties that make an app restore from this feed, the exact version, into <see cref="Packages"/>.</summary>
    public IReadOnlyList<string> RestoreProperties =>
        [$"-p:RestoreAdditionalProjectSources={Folder.FullName}", $"-p:AuthApiClientVersion={Version}"];

    public static Task<PackageFeed> GetAsync() => Shared.Value;

    /// <summary>An empty folder beside the feed, deleted with it at the next run.</summary>
    public DirectoryInfo CreateWorkFolder(string name) => Folder.Parent!.CreateSubdirectory(name);

    /// <summary>The package's file in the feed.</summary>
    public FileInfo PackageFile(string id) => Assert.Single(Folder.GetFiles($"{id}.*.nupkg"), file => IdOf(file) == id);

    /// <summary>The package's version, from its nuspec.</summary>
    public string VersionOf(string id)
    {
        var metadata = NuspecMetadata(PackageFile(id));
        return metadata.Element(metadata.Name.Namespace + "version")!.Value;
    }

    /// <summary>The version range the package's nuspec declares for a dependency.</summary>
    public string DependencyVersion(string id, string dependencyId) => DependencyVersion(PackageFile(id), dependencyId);

    public static string DependencyVersion(FileInfo package, string dependencyId)
    {
        var metadata = NuspecMetadata(package);
        return metadata.Descendants(metadata.Name.Namespace + "dependency")
            .Single(dependency => (string?)dependency.Attribute("id") == dependencyId)
            .Attribute("version")!.Value;
    }

    private static async Task<PackageFeed> PackAsync()
    {
        var root = new DirectoryInfo(Path.Combine(AppContext.BaseDirectory, "packages-under-test"));
        if (root.Exists)
        {
            root.Delete(recursive: true);
        }
        var folder = root.CreateSubdirectory("feed");
        var packages = root.CreateSubdirectory("packages");
        // The packages are already built with these tests, in their configuration.
        var pack = await DotnetCli.RunAsync(
            ["pack", "AuthApi.sln", "-c", DotnetCli.BuildConfiguration, "--no-build", "-o", folder.FullName], Timeout);
        Assert.True(pack.ExitCode == 0, $"dotnet pack failed: {pack}");
        var client = Assert.Single(folder.GetFiles("AuthApi.Client.*.nupkg"), file => IdOf(file) == "AuthApi.Client");
        return new PackageFeed(folder, packages, client.Name["AuthApi.Client.".Length..^".nupkg".Length]);
    }

    // AuthApi.Client.AspNetCore.1.0.0.nupkg also starts with "AuthApi.Client.": the ID ends where the version's digits begin.
    private static string IdOf(FileInfo package)
    {
        var parts = package.Name[..^".nupkg".Length].Split('.');
        return string.Join('.', parts.TakeWhile(part => !char.IsAsciiDigit(part[0])));
    }

    private static XElement NuspecMetadata(FileInfo package)
    {
        using var zip = ZipFile.OpenRead(package.FullName);
        using var nuspec = zip.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var root = XDocument.Load(nuspec).Root!;
        return root.Element(root.Name.Namespace + "metadata")!;
    }
}
