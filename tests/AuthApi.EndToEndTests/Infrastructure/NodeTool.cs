using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>A command of a Node package installed in tests/node (by <c>npm ci --prefix tests/node</c>), run as a process.</summary>
public static class NodeTool
{
    public static string Folder { get; } = RepositoryFolder.PathOf(Path.Combine("tests", "node"));

    /// <summary>
    /// Runs the package's command with node in <paramref name="workingDirectory"/> (default tests/node),
    /// and kills it (with its children) when it outlives the timeout.
    /// </summary>
    public static async Task<ProcessRun> RunAsync(string package, string command, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory ?? Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ScriptOf(package, command));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NO_COLOR"] = "1";

        return await ChildProcess.RunAsync(() => StartNode(start), timeout, command);
    }

    /// <summary>The script a package's command runs, read from the package's "bin" (a string, or an object by command name).</summary>
    private static string ScriptOf(string package, string command)
    {
        var packageFolder = Path.Combine(Folder, "node_modules", package);
        var manifest = Path.Combine(packageFolder, "package.json");
        if (!File.Exists(manifest))
        {
            throw new InvalidOperationException(
                $"The Node tools are not installed ({manifest} is missing): run `npm ci --prefix tests/node` from the repository root (bash .ci/run does it).");
        }
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        var bin = json.RootElement.GetProperty("bin");
        var script = bin.ValueKind == JsonValueKind.String ? bin.GetString() : bin.GetProperty(command).GetString();
        return Path.GetFullPath(Path.Combine(packageFolder, script!));
    }

    private static Process StartNode(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException("Node.js 20 or newer must be on PATH to run the client tests (tests/node).", exception);
        }
    }
}
