using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuthApi.EndToEndTests.Infrastructure;

namespace AuthApi.EndToEndTests;

/// <summary>Every request in http/, sent as the files are with httpyac to the running stack, which checks the answer each one states.</summary>
[Collection(StackCollection.Name)]
public sealed class HttpFilesTests(RunningStack stack)
{
    [Fact]
    public void EveryRequestStatesTheStatusItExpects()
    {
        var requests = HttpFiles.Requests().ToList();

        Assert.NotEmpty(requests);
        Assert.All(requests, request => Assert.True(
            HttpFiles.StatusAssertion().Matches(request.Text).Count == 1 && HttpFiles.RequestLine().Matches(request.Text).Count == 1,
            $"{request.File}: each request needs one request line and one '?? status == ...' line:\n{request.Text}"));
    }

    [Fact]
    public async Task EveryFileCallsTheOneCommandStackByDefault()
    {
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFolder.PathOf(Path.Combine("src", "AuthApi.DevIdentityProvider", "devidentityprovider.json"))))!;
        using var client = new HttpClient { BaseAddress = stack.ApiUrl };
        var providers = (await client.GetFromJsonAsync<JsonElement>("/providers")).EnumerateArray().Select(provider => provider.GetProperty("name").GetString()).ToList();

        Assert.Equal((string?)settings["DevIdentityProvider"]!["AuthApiUrl"], HttpFiles.DotEnv()["baseUrl"]);
        Assert.All(HttpFiles.All, file =>
        {
            var variables = HttpFiles.Variables(file);
            Assert.Equal("{{$dotenv baseUrl}}", variables.GetValueOrDefault("baseUrl"));
            Assert.True(!variables.TryGetValue("provider", out var provider) || providers.Contains(provider), $"{file}: @provider = {provider} is not a provider of the development stack.");
        });
    }

    [Fact]
    public async Task EveryRequestGetsTheAnswerItExpectsFromTheFilesAsTheyAre()
    {
        var requests = HttpFiles.Requests().ToList();

        // Run from the repository as a user runs them, only baseUrl pointed at this stack's port. "-o none" keeps requests and
        // responses (cookies too) out of httpyac's JSON, which stays small: node cuts piped output off at 64 KB when httpyac exits.
        var run = await NodeTool.RunAsync("httpyac", "httpyac",
            [
                "send", .. HttpFiles.All.Select(file => Path.GetRelativePath(RepositoryFolder.Root, file)),
                "--var", $"baseUrl={stack.ApiUrl.ToString().TrimEnd('/')}",
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
        Assert.Equal(requests.Sum(request => HttpFiles.Assertion().Matches(request.Text).Count), (int)summary["totalTests"]!);
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
}
