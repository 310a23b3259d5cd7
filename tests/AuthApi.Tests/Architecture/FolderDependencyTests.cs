using System.Text.RegularExpressions;
using AuthApi.Tests.OpenApi;

namespace AuthApi.Tests.Architecture;

/// <summary>
/// The service's folders depend downwards only: endpoints and feature logic, then Tokens (the refresh two features share), then Provider, Sessions and Http, then
/// Redis and Telemetry, then Options, Logging and Security. Read from the source, where each folder is one namespace.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly string[] Features = ["Health", "Login", "Logout", "Proxy", "User"];

    /// <summary>What each shared folder may use; features may use all of these, and the root folder everything.</summary>
    private static readonly Dictionary<string, string[]> SharedFolders = new(StringComparer.Ordinal)
    {
        ["Options"] = [],
        ["Logging"] = [],
        ["Security"] = [],
        ["Telemetry"] = ["Options", "Logging", "Security"],
        ["Redis"] = ["Options", "Logging", "Security"],
        ["Provider"] = ["Telemetry", "Options", "Logging", "Security"],
        ["Sessions"] = ["Redis", "Telemetry", "Options", "Logging", "Security"],
        ["Tokens"] = ["Provider", "Sessions", "Redis", "Telemetry", "Options", "Logging", "Security"],
        ["Http"] = ["Redis", "Telemetry", "Options", "Logging", "Security"],
        ["OpenApi"] = ["Http", "Sessions", "Redis", "Telemetry", "Options", "Logging", "Security"],
    };

    private static readonly Lazy<Dictionary<string, HashSet<string>>> Graph = new(ReadGraph);

    [Fact]
    public void EveryFolderIsAFeatureOrASharedFolder()
    {
        Assert.All(Graph.Value.Keys.Where(folder => folder != ""), folder =>
            Assert.True(Features.Contains(folder) || SharedFolders.ContainsKey(folder), $"src/AuthApi/{folder}/ is neither a feature nor a shared folder"));
    }

    [Fact]
    public void NoFeatureUsesAnotherFeature()
    {
        Assert.All(Features, feature =>
            Assert.Empty(Graph.Value.GetValueOrDefault(feature, []).Intersect(Features)));
    }

    [Fact]
    public void SharedFoldersUseOnlyTheFoldersBeneathThem()
    {
        Assert.All(SharedFolders, shared =>
            Assert.Empty(Graph.Value.GetValueOrDefault(shared.Key, []).Except(shared.Value)));
    }

    [Fact]
    public void NoFoldersDependOnEachOtherInACircle()
    {
        var cycles = Graph.Value.Keys
            .SelectMany(folder => Graph.Value[folder].Where(used => Reaches(used, folder)).Select(used => $"{folder} -> {used}"))
            .ToList();

        Assert.Empty(cycles);
    }

    private static bool Reaches(string from, string to)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([from]);
        while (pending.TryPop(out var folder))
        {
            if (folder == to)
            {
                return true;
            }
            if (seen.Add(folder))
            {
                foreach (var used in Graph.Value.GetValueOrDefault(folder, []))
                {
                    pending.Push(used);
                }
            }
        }
        return false;
    }

    /// <summary>Each folder of src/AuthApi ("" for the root) and the other folders its files name in a using or a qualified name.</summary>
    private static Dictionary<string, HashSet<string>> ReadGraph()
    {
        var root = RepositoryFiles.PathOf(Path.Combine("src", "AuthApi"));
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar);
            if (relative[0] is "bin" or "obj")
            {
                continue;
            }
            var folder = relative.Length > 1 ? relative[0] : "";
            var uses = graph.TryGetValue(folder, out var existing) ? existing : graph[folder] = new(StringComparer.Ordinal);
            foreach (Match reference in FolderReference().Matches(File.ReadAllText(file)))
            {
                if (reference.Groups["folder"].Value is var used && used != folder && Directory.Exists(Path.Combine(root, used)))
                {
                    uses.Add(used);
                }
            }
        }
        Assert.True(graph.Count > 5, $"Found only {graph.Count} folders under {root}.");
        return graph;
    }

    [GeneratedRegex(@"\bAuthApi\.(?<folder>[A-Z][A-Za-z]+)\b")]
    private static partial Regex FolderReference();
}
