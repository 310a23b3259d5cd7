using System.Text.RegularExpressions;

namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>The editor request files in http/, their requests and the variables they define.</summary>
public static partial class HttpFiles
{
    public static string Folder { get; } = RepositoryFolder.PathOf("http");

    /// <summary>Every file, logout.http last: logging out comes at the end of a session.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. Directory.GetFiles(Folder, "*.http").OrderBy(path => Path.GetFileName(path) == "logout.http").ThenBy(path => path, StringComparer.Ordinal)];

    /// <summary>Each request (the text from its ### line to the next), with the file it is in.</summary>
    public static IEnumerable<(string File, string Text)> Requests() =>
        All.SelectMany(file => File.ReadAllText(file).Split("\n###")
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
