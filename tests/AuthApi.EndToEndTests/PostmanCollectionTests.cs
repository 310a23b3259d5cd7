using System.Text;
using System.Text.Json.Nodes;
using AuthApi.EndToEndTests.Infrastructure;

namespace AuthApi.EndToEndTests;

/// <summary>
/// The committed OpenAPI document imported the way Postman imports it (openapi-to-postmanv2, default options), and the
/// collection run with newman as the README tells: its first request logs in at the development provider, newman follows
/// the redirects and keeps the cookies, and every other request runs with the session.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class PostmanCollectionTests(RunningStack stack) : IDisposable
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(90);
    private static readonly string Document = RepositoryFolder.PathOf(Path.Combine("openapi", "authapi.v1.json"));
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("authapi-postman-");

    private string CollectionPath => Path.Combine(_work.FullName, "collection.json");

    [Fact]
    public async Task TheImportedCollectionReadsTopToBottomFromTheDevelopmentLogin()
    {
        var collection = await ConvertDocumentAsync();

        var requests = RequestItems(collection).Select(item => item["request"]!).ToList();
        var login = requests[0];

        Assert.Equal(
            [
                "GET /login", "GET /oauth2callback", "POST /oauth2callback", "GET /oauth2callback/:provider", "POST /oauth2callback/:provider",
                "GET /me", "GET /me/tokens", "POST /me/tokens/refresh",
                "GET /me/sessions", "DELETE /me/sessions/:id", "POST /logout", "GET /logout", "POST /backchannel-logout", "GET /providers", "GET /healthz", "GET /readyz",
            ],
            requests.Select(request => $"{request["method"]} /{string.Join('/', request["url"]!["path"]!.AsArray())}"));
        Assert.Equal(
            [("provider", "dev"), ("returnUrl", "/"), ("prompt", ""), ("login_hint", "ada"), ("max_age", ""), ("ui_locales", "")],
            Parameters(login["url"]!["query"]).Select(parameter => (parameter.Key, parameter.Value)));
        // Postman fills a parameter from its schema: without a sample it would send a placeholder such as <string>.
        Assert.All(requests.SelectMany(request => Parameters(request["url"]!["query"]).Concat(Parameters(request["url"]!["variable"]))),
            parameter => Assert.DoesNotContain("<", parameter.Value, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ada")]
    [InlineData("grace")] // 301 groups: a session in chunked cookies
    public async Task TheCollectionsFirstRequestLogsInAndEveryAnswerIsOneTheDocumentDeclares(string user)
    {
        var collection = await ConvertDocumentAsync();
        var login = RequestItems(collection).First()["request"]!;
        // The README's step: untick Accept, whose application/json (copied from the 200 answer) asks /login for JSON, not the redirect.
        foreach (var header in login["header"]!.AsArray().Where(header => (string?)header!["key"] == "Accept"))
        {
            header!["disabled"] = true;
        }
        // Grace as a user picks her in the Params tab.
        login["url"]!["query"]!.AsArray().Single(parameter => (string?)parameter!["key"] == "login_hint")!["value"] = user;
        await File.WriteAllTextAsync(CollectionPath, collection.ToJsonString());

        var (newman, report) = await RunNewmanAsync();

        var executions = report["run"]!["executions"]!.AsArray().Select(execution => execution!).ToList();
        var answers = executions.Select(Answer.Of).ToList();
        var summary = string.Join("\n", answers);
        Assert.Equal(RequestItems(collection).Select(item => (string)item["id"]!), executions.Select(execution => (string)execution["item"]!["id"]!));
        Assert.All(answers, answer => Assert.True(answer.Error is null, $"{answer.Method} {answer.Path} failed: {answer.Error}"));
        Assert.Empty(report["run"]!["failures"]!.AsArray());
        var declared = DeclaredResponses.Load(Document);
        Assert.All(answers, answer =>
        {
            var operation = declared.For(answer.Method, answer.Path);
            Assert.True(operation is not null, $"{answer.Method} {answer.Path} is not in the document.");
            // AuthApi answers no page: a page is where a redirect led, which the operation must declare.
            var status = answer.IsPage ? 302 : answer.Status!.Value;
            Assert.True(DeclaredResponses.Allows(operation.Value.Statuses, status),
                $"{answer.Method} {operation.Value.Template} answered {status}; the document declares {string.Join(", ", operation.Value.Statuses)}.\n{summary}");
        });
        // Nothing logged in before the run: the login request did.
        Assert.Contains($"\"sub\":\"{user}\"", answers.First(answer => answer is { Method: "GET", Path: "/me" }).Body, StringComparison.Ordinal);
        Assert.Equal(200, answers.Single(answer => answer is { Method: "GET", Path: "/me/tokens" }).Status);
        Assert.True(newman.ExitCode == 0, $"newman exited with {newman.ExitCode}:\n{newman.Output}\n{newman.Errors}");
    }

    public void Dispose() => _work.Delete(recursive: true);

    /// <summary>Converts the document with Postman's converter and its default options.</summary>
    private async Task<JsonObject> ConvertDocumentAsync()
    {
        var run = await NodeTool.RunAsync("openapi-to-postmanv2", "openapi2postmanv2", ["-s", Document, "-o", CollectionPath], ToolTimeout);
        Assert.True(run.ExitCode == 0 && File.Exists(CollectionPath), $"openapi2postmanv2 exited with {run.ExitCode}:\n{run.Output}\n{run.Errors}");
        return JsonNode.Parse(await File.ReadAllTextAsync(CollectionPath))!.AsObject();
    }

    /// <summary>Runs the collection as Postman does by default: following redirects, keeping cookies, with no cookie to begin with.</summary>
    private async Task<(ProcessRun Run, JsonNode Report)> RunNewmanAsync()
    {
        var reportPath = Path.Combine(_work.FullName, "report.json");
        var run = await NodeTool.RunAsync("newman", "newman",
        [
            "run", CollectionPath,
            "--env-var", $"baseUrl={stack.ApiUrl.ToString().TrimEnd('/')}",
            "--timeout-request", "10000",
            "--reporters", "cli,json",
            "--reporter-json-export", reportPath,
            "--color", "off",
        ], ToolTimeout);
        Assert.True(File.Exists(reportPath), $"newman wrote no report; it exited with {run.ExitCode}:\n{run.Output}\n{run.Errors}");
        return (run, JsonNode.Parse(await File.ReadAllTextAsync(reportPath))!);
    }

    /// <summary>The items that are requests, in folders at any depth, in the collection's order.</summary>
    private static IEnumerable<JsonNode> RequestItems(JsonNode item) =>
        item["item"] is JsonArray children ? children.SelectMany(child => RequestItems(child!)) : [item];

    private static IEnumerable<(string Key, string Value)> Parameters(JsonNode? parameters) =>
        (parameters as JsonArray ?? []).Select(parameter => ((string)parameter!["key"]!, (string?)parameter["value"] ?? ""));

    /// <summary>One executed request as the newman report records it: the last answer when redirects were followed.</summary>
    private sealed record Answer(string Method, string Path, int? Status, bool IsPage, string Body, string? Error)
    {
        public static Answer Of(JsonNode execution)
        {
            var response = execution["response"];
            var contentType = response?["header"]?.AsArray().FirstOrDefault(header => string.Equals((string?)header!["key"], "Content-Type", StringComparison.OrdinalIgnoreCase))?["value"];
            var body = response?["stream"]?["data"] is JsonArray bytes ? Encoding.UTF8.GetString(bytes.Select(value => (byte)(int)value!).ToArray()) : "";
            return new(
                (string)execution["request"]!["method"]!,
                "/" + string.Join('/', execution["request"]!["url"]!["path"]!.AsArray().Select(segment => (string?)segment)),
                (int?)response?["code"],
                ((string?)contentType)?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true,
                body,
                execution["requestError"] is { } error ? (string?)error["message"] ?? error.ToJsonString() : null);
        }

        public override string ToString() => $"{Method} {Path} -> {Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Error}{(IsPage ? " (a page)" : "")}";
    }
}
