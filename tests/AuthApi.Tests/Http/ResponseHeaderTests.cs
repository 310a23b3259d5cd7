namespace AuthApi.Tests.Http;

/// <summary>Every answer, errors and redirects included, is uncacheable, unsniffable and unframeable.</summary>
public sealed class ResponseHeaderTests
{
    [Theory]
    [InlineData("/me")]
    [InlineData("/login")]
    [InlineData("/login?returnUrl=//evil.com")]
    [InlineData("/oauth2callback")]
    [InlineData("/no-such-endpoint")]
    [InlineData("/openapi/v1.json")]
    public async Task EveryAnswerCarriesNoStoreNoSniffAndDenyFraming(string url)
    {
        await using var app = new TestApp();

        var response = await app.CreateBareClient().GetAsync(url);

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }
}
