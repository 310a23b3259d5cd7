using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuthApi.EndToEndTests.Infrastructure;

namespace AuthApi.EndToEndTests;

/// <summary>Every request in http/ sent with httpyac to the running service, which checks the status each one states.</summary>
[Collection(StackCollection.Name)]
public sealed class HttpFilesTests(RunningStack stack) : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("authapi-http-");

    [Fact]
    public void EveryRequestStatesTheStatusItExpects()
    {
        var requests = HttpFiles.Requests().ToList();

        Assert.NotEmpty(requests);
        Assert.All(requests, request => Assert.True(
            HttpFiles.StatusAssertion().Matches(request.Text).Count == 1 && HttpFiles.RequestLine().Matches(request.Text).Count == 1,
            $"{request.File}: each request needs one request line and one '?? status == ...' line:\n{request.Text}"));
    }

    [Theory]
    [InlineData("ada")]
    [InlineData("grace")] // 301 groups: a Cookie header of chunked cookies
    public async Task EveryRequestGetsTheStatusItExpects(string user)
    {
        var cookies = await HttpLogin.LogInAsync(stack, user);
        var files = HttpFiles.CopyWithVariables(_work.FullName, new Dictionary<string, string>
        {
            ["baseUrl"] = stack.ApiUrl.ToString().TrimEnd('/'),
            ["provider"] = await FirstProviderAsync(),
            ["cookie"] = cookies.GetCookieHeader(stack.ApiUrl),
        });
        var requests = HttpFiles.Requests().ToList();

        // httpyac sends only files under its working directory. "-o none" keeps requests and responses (cookies too) out of
        // its JSON, which stays small: node cuts piped output off at 64 KB when httpyac exits.
        var run = await NodeTool.RunAsync("httpyac", "httpyac", ["send", .. files.Select(Path.GetFileName)!, "--all", "--json", "-o", "none", "--timeout", "10000"],
            TimeSpan.FromSeconds(90), _work.FullName);

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
        Assert.Equal(requests.Sum(request => HttpFiles.Assertion().Matches(request.Text).Count), (int)summary["totalTests"]!);
        Assert.Equal((int)summary["totalTests"]!, (int)summary["successTests"]!);
    }

    public void Dispose() => _work.Delete(recursive: true);

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

    private async Task<string> FirstProviderAsync()
    {
        using var client = new HttpClient { BaseAddress = stack.ApiUrl };
        var providers = await client.GetFromJsonAsync<JsonElement>("/providers");
        return providers[0].GetProperty("name").GetString()!;
    }
}
