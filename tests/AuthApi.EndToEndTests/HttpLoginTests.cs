using System.Net.Http.Json;
using System.Text.Json;
using AuthApi.EndToEndTests.Infrastructure;

namespace AuthApi.EndToEndTests;

/// <summary>AuthApi against the real development provider, over plain HTTP.</summary>
[Collection(StackCollection.Name)]
public sealed class HttpLoginTests(RunningStack stack)
{
    [Fact]
    public async Task LoginThroughTheRealProviderGivesAUserWithTokens()
    {
        using var client = await HttpLogin.LoggedInClientAsync(stack, "ada");

        var me = await client.GetFromJsonAsync<JsonElement>("/me");
        var tokens = await client.GetFromJsonAsync<JsonElement>("/me/tokens");

        Assert.Equal("ada", me.GetProperty("sub").GetString());
        Assert.Equal(["admins", "engineers"], me.GetProperty("claims").GetProperty("groups").EnumerateArray().Select(group => group.GetString()).Order());
        Assert.Equal(3, tokens.GetProperty("id").GetString()!.Split('.').Length);
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("access").GetString()));
    }

    [Fact]
    public async Task LogoutGoesThroughTheProvidersEndSessionAndBack()
    {
        using var client = await HttpLogin.LoggedInClientAsync(stack, "ada", followRedirects: false);
        var logoutUrl = (await client.GetFromJsonAsync<JsonElement>("/me")).GetProperty("logoutUrl").GetString();

        var toProvider = await client.GetAsync(logoutUrl);
        var backFromProvider = await client.GetAsync(toProvider.Headers.Location);
        var backAtApp = await client.GetAsync(backFromProvider.Headers.Location);
        var me = await client.GetFromJsonAsync<JsonElement>("/me");

        Assert.StartsWith(stack.ProviderUrl + "connect/endsession", toProvider.Headers.Location!.ToString());
        Assert.Equal(new Uri(stack.ApiUrl, "/oauth2callback"), new Uri(backFromProvider.Headers.Location!.GetLeftPart(UriPartial.Path)));
        Assert.Equal("/", backAtApp.Headers.Location!.OriginalString);
        Assert.False(me.GetProperty("isLoggedIn").GetBoolean());
    }
}
