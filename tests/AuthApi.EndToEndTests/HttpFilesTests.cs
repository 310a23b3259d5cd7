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
    public Task EveryRequestGetsTheAnswerItExpectsFromTheFilesAsTheyAre() =>
        HttpFiles.AssertEveryAnswerAsync(HttpFiles.For(redisStore: false), stack.ApiUrl);
}
