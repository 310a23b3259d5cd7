using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AuthApi.EndToEndTests.Infrastructure;

/// <summary>The response statuses an OpenAPI document declares for each operation, looked up by method and request path.</summary>
public sealed class DeclaredResponses
{
    private readonly List<Operation> _operations;

    private DeclaredResponses(List<Operation> operations) => _operations = operations;

    public static DeclaredResponses Load(string documentPath)
    {
        var paths = JsonNode.Parse(File.ReadAllText(documentPath))!["paths"]!.AsObject();
        var operations = new List<Operation>();
        foreach (var (template, pathItem) in paths)
        {
            // A path parameter ({id}) matches one segment.
            var pattern = new Regex("^" + Regex.Replace(Regex.Escape(template), @"\\\{[^/]+?}", "[^/]+") + "$");
            foreach (var (method, operation) in pathItem!.AsObject())
            {
                if (operation?["responses"] is JsonObject responses)
                {
                    operations.Add(new Operation(method.ToUpperInvariant(), template, pattern, [.. responses.Select(response => response.Key)]));
                }
            }
        }
        return new DeclaredResponses(operations);
    }

    /// <summary>The operation's template and declared statuses (such as "200", "4XX", "default"), or null when none matches.</summary>
    public (string Template, IReadOnlyList<string> Statuses)? For(string method, string path)
    {
        var operation = _operations.FirstOrDefault(candidate => candidate.Method == method.ToUpperInvariant() && candidate.Pattern.IsMatch(path));
        return operation is null ? null : (operation.Template, operation.Statuses);
    }

    public static bool Allows(IReadOnlyList<string> statuses, int status) =>
        statuses.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture))
        || statuses.Contains($"{status / 100}XX")
        || statuses.Contains("default");

    private sealed record Operation(string Method, string Template, Regex Pattern, IReadOnlyList<string> Statuses);
}
