using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>The editor request files in http/, their requests and the variables they define.</summary>
public static partial class HttpFiles
{
    public static string Folder { get; } = RepositoryFolder.PathOf("http");

    /// <summary>Every file, logout.http last: logging out comes at the end of a session.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. Directory.GetFiles(Folder, "*.http").OrderBy(path => Path.GetFileName(path) == "logout.http").ThenBy(path => path, StringComparer.Ordinal)];

    /// <summary>The files for a stack with the Redis store (their header says to start one) or for the default stack.</summary>
    public static IReadOnlyList<string> For(bool redisStore) =>
        [.. All.Where(file => File.ReadAllText(file).Contains("Auth__Session__Store=Redis", StringComparison.Ordinal) == redisStore)];

    /// <summary>Each request (the text from its ### line to the next) of the files, with the file it is in.</summary>
    public static IEnumerable<(string File, string Text)> Requests(IEnumerable<string>? files = null) =>
        (files ?? All).SelectMany(file => File.ReadAllText(file).Split("\n###")
            .Skip(1)
            .Where(region => RequestLine().IsMatch(region))
            .Select(region => (Path.GetFileName(file), "###" + region)));

    /// <summary>The <c>@name = value</c> definitions at the top of a file.</summary>
    public static IReadOnlyDictionary<string, string> Variables(string file) =>
        Definition().Matches(File.ReadAllText(file)).ToDictionary(match => match.Groups["name"].Value, match => match.Groups["value"].Value.Trim());

    /// <summary>The <c>name=value</c> lines of http/.env, which the files read with <c>{{$dotenv name}}</c>.</summary>
    public static IReadOnlyDictionary<string, string> DotEnv() =>
        File.ReadAllLines(Path.Combine(Folder, ".env"))
            .Where(line => line.Contains('=') && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim());

    /// <summary>Sends every request of the files with httpyac, as a user runs them from the repository (only baseUrl pointed at the stack), and asserts each one's stated answers.</summary>
    public static async Task AssertEveryAnswerAsync(IReadOnlyList<string> files, Uri apiUrl)
    {
        var requests = Requests(files).ToList();

        // Run from the repository as a user runs them, only baseUrl pointed at this stack's port. "-o none" keeps requests and
        // responses (cookies too) out of httpyac's JSON, which stays small: node cuts piped output off at 64 KB when httpyac exits.
        var run = await NodeTool.RunAsync("httpyac", "httpyac",
            [
                "send", .. files.Select(file => Path.GetRelativePath(RepositoryFolder.Root, file)),
                "--var", $"baseUrl={apiUrl.ToString().TrimEnd('/')}",
                "--all", "--json", "-o", "none", "--timeout", "10000",
            ],
            TimeSpan.FromSeconds(90), RepositoryFolder.Root);

        var output = ParseJson(run);
        var summary = output["summary"]!;
        var failures = string.Join("\n", output["requests"]!.AsArray().Select(request => request!)
            .Where(request => request["testResults"]!.AsArray().Any(test => (string?)test!["status"] != "SUCCESS"))
            .Select(request => $"{Path.GetFileName((string?)request["fileName"])} '{request["title"]}': "
                + string.Join("; ", request["testResults"]!.AsArray().Where(test => (string?)test!["status"] != "SUCCESS")
                    .Select(test => (string?)test!["error"]?["displayMessage"] ?? (string?)test!["message"]))));
        Assert.True(run.ExitCode == 0, $"httpyac exited with {run.ExitCode}:\n{failures}\n{run.Errors}");
        Assert.Equal(requests.Count, (int)summary["totalRequests"]!);
        Assert.Equal(requests.Count, (int)summary["successRequests"]!);
        Assert.Equal(requests.Sum(request => Assertion().Matches(request.Text).Count), (int)summary["totalTests"]!);
        Assert.Equal((int)summary["totalTests"]!, (int)summary["successTests"]!);
    }


    private static JsonNode ParseJson(ProcessRun run)
    {
        try
        {
            return JsonNode.Parse(run.Output)!;
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException(
                $"httpyac (exit code {run.ExitCode}) printed no whole JSON ({exception.Message}):\n{run.Output[..Math.Min(run.Output.Length, 2000)]}\n{run.Errors}", exception);
        }
    }
    [GeneratedRegex(@"^@(?<name>\w+)\s*=(?<value>.*)$", RegexOptions.Multiline)]
    private static partial Regex Definition();

    [GeneratedRegex(@"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) ", RegexOptions.Multiline)]
    public static partial Regex RequestLine();

    /// <summary>An httpyac assertion line, such as <c>?? status == 200</c>.</summary>
    [GeneratedRegex(@"^\?\? ", RegexOptions.Multiline)]
    public static partial Regex Assertion();

    [GeneratedRegex(@"^\?\? status == \d{3}\s*$", RegexOptions.Multiline)]
    public static partial Regex StatusAssertion();
}
