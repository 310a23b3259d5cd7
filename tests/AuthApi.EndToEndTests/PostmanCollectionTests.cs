using System.Text.Json.Nodes;
using AuthApi.EndToEndTests.Infrastructure;

namespace AuthApi.EndToEndTests;

/// <summary>
/// The committed OpenAPI document imported the way Postman imports it (openapi-to-postmanv2), and the collection run with
/// newman against the running service, with a logged-in browser's cookies in Postman's cookie jar.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class PostmanCollectionTests(RunningStack stack) : IDisposable
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(90);
    private static readonly string Document = RepositoryFolder.PathOf(Path.Combine("openapi", "authapi.v1.json"));
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("authapi-postman-");

    private string CollectionPath => Path.Combine(_work.FullName, "collection.json");

    [Theory]
    [InlineData("ada")]
    [InlineData("grace")] // 301 groups: a session in chunked cookies
    public async Task EveryRequestOfTheImportedCollectionGetsAResponseTheDocumentDeclares(string user)
    {
        var collection = await ConvertDocumentAsync();
        var jar = Path.Combine(_work.FullName, "cookies.json");
        PostmanCookieJar.Write(await HttpLogin.LogInAsync(stack, user), jar);

        var (newman, report) = await RunNewmanAsync(jar);

        var executions = report["run"]!["executions"]!.AsArray().Select(execution => execution!).ToList();
        var answers = executions.Select(Answer.Of).ToList();
        var summary = string.Join("\n", answers);
        Assert.Equal(RequestIds(collection).Order(), executions.Select(execution => (string)execution["item"]!["id"]!).Order());
        Assert.All(answers, answer => Assert.True(answer.Error is null, $"{answer.Method} {answer.Path} failed: {answer.Error}"));
        Assert.Empty(report["run"]!["failures"]!.AsArray());
        var declared = DeclaredResponses.Load(Document);
        Assert.All(answers, answer =>
        {
            var operation = declared.For(answer.Method, answer.Path);
            Assert.True(operation is not null, $"{answer.Method} {answer.Path} is not in the document.");
            Assert.True(DeclaredResponses.Allows(operation.Value.Statuses, answer.Status!.Value),
                $"{answer.Method} {operation.Value.Template} answered {answer.Status}; the document declares {string.Join(", ", operation.Value.Statuses)}.\n{summary}");
        });
        // Only a logged-in user gets 200 here: the cookie jar reached the service.
        Assert.Equal(200, answers.Single(answer => answer is { Method: "GET", Path: "/me/tokens" }).Status);
        Assert.True(newman.ExitCode == 0, $"newman exited with {newman.ExitCode}:\n{newman.Output}\n{newman.Errors}");
    }

    public void Dispose() => _work.Delete(recursive: true);

    /// <summary>Converts the document with Postman's converter and its default options, then moves the logout requests last.</summary>
    private async Task<JsonObject> ConvertDocumentAsync()
    {
        var run = await NodeTool.RunAsync("openapi-to-postmanv2", "openapi2postmanv2", ["-s", Document, "-o", CollectionPath], ToolTimeout);
        Assert.True(run.ExitCode == 0 && File.Exists(CollectionPath), $"openapi2postmanv2 exited with {run.ExitCode}:\n{run.Output}\n{run.Errors}");

        // Logging out deletes the session cookies from the jar: every other request runs while logged in.
        var collection = JsonNode.Parse(await File.ReadAllTextAsync(CollectionPath))!.AsObject();
        var items = collection["item"]!.AsArray().Select(item => item!).ToList();
        collection["item"]!.AsArray().Clear();
        foreach (var item in items.OrderBy(item => Requests(item).Any(request => (string?)request["url"]?["path"]?[0] == "logout")))
        {
            collection["item"]!.AsArray().Add(item);
        }
        await File.WriteAllTextAsync(CollectionPath, collection.ToJsonString());
        return collection;
    }

    private async Task<(ProcessRun Run, JsonNode Report)> RunNewmanAsync(string jar)
    {
        var reportPath = Path.Combine(_work.FullName, "report.json");
        var run = await NodeTool.RunAsync("newman", "newman",
        [
            "run", CollectionPath,
            "--env-var", $"baseUrl={stack.ApiUrl.ToString().TrimEnd('/')}",
            "--cookie-jar", jar,
            // Record the status AuthApi answered, not the one of wherever its redirect leads.
            "--ignore-redirects",
            "--timeout-request", "10000",
            "--reporters", "cli,json",
            "--reporter-json-export", reportPath,
            "--color", "off",
        ], ToolTimeout);
        Assert.True(File.Exists(reportPath), $"newman wrote no report; it exited with {run.ExitCode}:\n{run.Output}\n{run.Errors}");
        return (run, JsonNode.Parse(await File.ReadAllTextAsync(reportPath))!);
    }

    private static IEnumerable<string> RequestIds(JsonObject collection) =>
        collection["item"]!.AsArray().SelectMany(item => RequestItems(item!)).Select(item => (string)item["id"]!);

    private static IEnumerable<JsonNode> Requests(JsonNode item) => RequestItems(item).Select(request => request["request"]!);

    /// <summary>The items that are requests, in folders at any depth.</summary>
    private static IEnumerable<JsonNode> RequestItems(JsonNode item) =>
        item["item"] is JsonArray children ? children.SelectMany(child => RequestItems(child!)) : [item];

    /// <summary>One executed request as the newman report records it.</summary>
    private sealed record Answer(string Method, string Path, int? Status, string? Error)
    {
        public static Answer Of(JsonNode execution) => new(
            (string)execution["request"]!["method"]!,
            "/" + string.Join('/', execution["request"]!["url"]!["path"]!.AsArray().Select(segment => (string?)segment)),
            (int?)execution["response"]?["code"],
            execution["requestError"] is { } error ? (string?)error["message"] ?? error.ToJsonString() : null);

        public override string ToString() => $"{Method} {Path} -> {Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Error}";
    }
}
