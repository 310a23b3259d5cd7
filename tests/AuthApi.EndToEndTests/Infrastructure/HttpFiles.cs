using System.Text.RegularExpressions;

namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>The editor request files in http/: their requests, and copies with the variables at their top set.</summary>
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

    /// <summary>Copies the files into <paramref name="folder"/> with the given <c>@name = value</c> definitions replaced, as a user edits them.</summary>
    public static IReadOnlyList<string> CopyWithVariables(string folder, IReadOnlyDictionary<string, string> values)
    {
        var copies = new List<string>();
        foreach (var file in All)
        {
            var text = File.ReadAllText(file);
            if (!Definition().Matches(text).Any(definition => definition.Groups["name"].Value == "baseUrl"))
            {
                throw new InvalidOperationException($"{file} does not define @baseUrl, so it cannot be pointed at the running service.");
            }
            var copy = Path.Combine(folder, Path.GetFileName(file));
            File.WriteAllText(copy, Definition().Replace(text, definition =>
                values.TryGetValue(definition.Groups["name"].Value, out var value) ? $"@{definition.Groups["name"].Value} = {value}" : definition.Value));
            copies.Add(copy);
        }
        return copies;
    }

    [GeneratedRegex(@"^@(?<name>\w+)\s*=.*$", RegexOptions.Multiline)]
    private static partial Regex Definition();

    [GeneratedRegex(@"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) ", RegexOptions.Multiline)]
    public static partial Regex RequestLine();

    /// <summary>An httpyac assertion line, such as <c>?? status == 200</c>.</summary>
    [GeneratedRegex(@"^\?\? ", RegexOptions.Multiline)]
    public static partial Regex Assertion();

    [GeneratedRegex(@"^\?\? status == \d{3}\s*$", RegexOptions.Multiline)]
    public static partial Regex StatusAssertion();
}
