namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>Where the browser tests find a Chromium-based browser: <c>AUTHAPI_CHROMIUM</c>, else the usual install locations.</summary>
public static class ChromiumLocation
{
    public const string Variable = "AUTHAPI_CHROMIUM";

    /// <summary>Debian and Ubuntu packages and snaps, then Chrome, Chromium and Edge on macOS and Windows.</summary>
    public static IReadOnlyList<string> UsualLocations { get; } =
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/snap/bin/chromium",
        "/usr/bin/google-chrome",
        "/usr/bin/google-chrome-stable",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
        .. WindowsLocations(),
    ];

    /// <summary>The browser to drive, or an exception saying how to name one.</summary>
    public static string Find(Func<string, string?> environment, Func<string, bool> fileExists)
    {
        if (environment(Variable) is { Length: > 0 } configured)
        {
            return fileExists(configured)
                ? configured
                : throw new InvalidOperationException($"{Variable} names {configured}, which does not exist.");
        }
        return UsualLocations.FirstOrDefault(fileExists)
            ?? throw new InvalidOperationException(
                $"No Chromium-based browser found in the usual locations: install one (Debian: apt-get install -y chromium) or set {Variable} to its executable.");
    }

    private static IEnumerable<string> WindowsLocations()
    {
        string[] roots = [Environment.GetEnvironmentVariable("ProgramFiles") ?? "", Environment.GetEnvironmentVariable("ProgramFiles(x86)") ?? "", Environment.GetEnvironmentVariable("LocalAppData") ?? ""];
        return roots.Where(root => root.Length > 0).SelectMany(root => new[]
        {
            Path.Combine(root, "Google", "Chrome", "Application", "chrome.exe"),
            Path.Combine(root, "Microsoft", "Edge", "Application", "msedge.exe"),
        });
    }
}
