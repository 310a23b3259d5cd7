using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>
/// A command of a Node package pinned in tests/node, run as a process. The first use in a test run installs the pinned
/// packages (<c>npm ci</c>) when they are missing or older than the lock file, so <c>dotnet test</c> alone is enough.
/// </summary>
public static class NodeTool
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool _installed;

    public static string Folder { get; } = RepositoryFolder.PathOf(Path.Combine("tests", "node"));

    /// <summary>
    /// Runs the package's command with node in <paramref name="workingDirectory"/> (default tests/node),
    /// and kills it (with its children) when it outlives the timeout.
    /// </summary>
    public static async Task<ProcessRun> RunAsync(string package, string command, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        await EnsureInstalledAsync();
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

        return await ChildProcess.RunAsync(() => StartTool(start), timeout, command);
    }

    /// <summary>Runs <c>npm ci</c> in tests/node once per test run, unless npm's record of the install is as new as the lock file.</summary>
    private static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (_installed || IsInstalled())
            {
                _installed = true;
                return;
            }
            var npm = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
            {
                WorkingDirectory = Folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
            {
                npm.ArgumentList.Add(argument);
            }
            var run = await ChildProcess.RunAsync(() => StartTool(npm), InstallTimeout, "npm ci in tests/node");
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException($"Installing the pinned Node tools (npm ci in tests/node) failed: {run}");
            }
            _installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    // npm writes node_modules/.package-lock.json at the end of every install.
    private static bool IsInstalled()
    {
        var installed = new FileInfo(Path.Combine(Folder, "node_modules", ".package-lock.json"));
        return installed.Exists && installed.LastWriteTimeUtc >= File.GetLastWriteTimeUtc(Path.Combine(Folder, "package-lock.json"));
    }

    /// <summary>The script a package's command runs, read from the package's "bin" (a string, or an object by command name).</summary>
    private static string ScriptOf(string package, string command)
    {
        var packageFolder = Path.Combine(Folder, "node_modules", package);
        var manifest = Path.Combine(packageFolder, "package.json");
        if (!File.Exists(manifest))
        {
            throw new InvalidOperationException($"{manifest} is missing after npm ci: is {package} in tests/node/package.json?");
        }
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        var bin = json.RootElement.GetProperty("bin");
        var script = bin.ValueKind == JsonValueKind.String ? bin.GetString() : bin.GetProperty(command).GetString();
        return Path.GetFullPath(Path.Combine(packageFolder, script!));
    }

    private static Process StartTool(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"{start.FileName} did not start: Node.js 20 or newer with npm must be on PATH for the end-to-end tests (tests/node).", exception);
        }
    }
}
