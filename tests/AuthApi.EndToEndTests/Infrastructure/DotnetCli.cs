using System.Diagnostics;
using System.Reflection;

namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>The <c>dotnet</c> command line, run as a separate process the way a developer runs it.</summary>
public static class DotnetCli
{
    /// <summary>The configuration these tests (and so the projects they reference) were built in.</summary>
    public static string BuildConfiguration { get; } =
        typeof(DotnetCli).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>Runs <c>dotnet</c> with the arguments, killing it (with its children) when it outlives the timeout.</summary>
    public static async Task<ProcessRun> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryFolder.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // The test host's MSBuild variables would point the child's build at the outer one's SDK and nodes.
        foreach (var inherited in start.Environment.Keys.Where(key => key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return await ChildProcess.RunAsync(
            () => Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."),
            timeout,
            $"dotnet {string.Join(' ', start.ArgumentList)}");
    }
}
