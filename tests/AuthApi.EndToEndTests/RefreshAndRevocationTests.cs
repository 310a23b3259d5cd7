using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AuthApi.EndToEndTests.Infrastructure;

namespace AuthApi.EndToEndTests;

/// <summary>The development provider issues refresh tokens, and AuthApi's logout revokes them there.</summary>
[Collection(StackCollection.Name)]
public sealed class RefreshAndRevocationTests(RunningStack stack)
{
    [Fact]
    public async Task TheRefreshTokenOfALiveSessionIsAcceptedByTheProvider()
    {
        using var client = await HttpLogin.LoggedInClientAsync(stack, "ada");
        var refreshToken = (await client.GetFromJsonAsync<JsonElement>("/me/tokens")).GetProperty("refresh").GetString()!;

        var refreshed = await RefreshAtProviderAsync(refreshToken);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.True((await refreshed.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task LogoutRevokesTheRefreshTokenAtTheProvider()
    {
        using var client = await HttpLogin.LoggedInClientAsync(stack, "ada");
        var refreshToken = (await client.GetFromJsonAsync<JsonElement>("/me/tokens")).GetProperty("refresh").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(LogoutRequest())).StatusCode);

        var refreshed = await RefreshAtProviderAsync(refreshToken);

        Assert.Equal(HttpStatusCode.BadRequest, refreshed.StatusCode);
        Assert.Equal("invalid_grant", (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task ARotatedRefreshTokenUsedAgainEndsTheSessionWithoutAStackTraceInTheLog()
    {
        var outputBefore = stack.Output.Length;
        using var client = await HttpLogin.LoggedInClientAsync(stack, "ada");
        var rotated = (await client.GetFromJsonAsync<JsonElement>("/me/tokens")).GetProperty("refresh").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(RefreshRequest())).StatusCode);

        var reused = await RefreshAtProviderAsync(rotated);
        var refreshAfterTheft = await client.SendAsync(RefreshRequest());
        var logout = await client.SendAsync(LogoutRequest());

        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refreshAfterTheft.StatusCode);
        Assert.Equal("session_ended", (await refreshAfterTheft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errorCode").GetString());
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        var output = await stack.WaitForOutputAsync(outputBefore, "rejected a session's refresh token");
        // The provider's log is written by its own thread: give it a moment to catch up with AuthApi's.
        await Task.Delay(500);
        Assert.DoesNotContain("   at ", stack.Output[outputBefore..], StringComparison.Ordinal);
        Assert.Contains("Login succeeded", output, StringComparison.Ordinal);
    }

    private static HttpRequestMessage RefreshRequest() => WithAntiForgeryHeader(new HttpRequestMessage(HttpMethod.Post, "/me/tokens/refresh"));

    private static HttpRequestMessage LogoutRequest() => WithAntiForgeryHeader(new HttpRequestMessage(HttpMethod.Post, "/logout"));

    private static HttpRequestMessage WithAntiForgeryHeader(HttpRequestMessage request)
    {
        request.Headers.Add("X-CSRF", "1");
        return request;
    }

    private async Task<HttpResponseMessage> RefreshAtProviderAsync(string refreshToken)
    {
        using var client = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(stack.ProviderUrl, "/connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
            }),
        };
        var (id, secret) = RunningStack.Client;
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));
        return await client.SendAsync(request);
    }
}
