using AuthApi.Client;
using AuthApi.Contracts;

namespace AuthApi.Tests.Client;

/// <summary>Problem Details reach the caller as <see cref="AuthApiException"/> with the service's errorCode.</summary>
public sealed class ClientErrorTests
{
    [Fact]
    public async Task GetTokensWhenAnonymousThrowsNotAuthenticated()
    {
        await using var app = new TestApp();
        using var client = ClientUnderTest.WithCookies(app, out _);

        var error = await Assert.ThrowsAsync<AuthApiException>(() => client.Api.GetTokensAsync());

        Assert.Equal(401, error.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(ErrorCodes.NotAuthenticated, error.ErrorCode);
        Assert.Equal("Not authenticated", error.Title);
        Assert.False(string.IsNullOrEmpty(error.Detail));
        Assert.Contains(ErrorCodes.NotAuthenticated, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshWhenAnonymousIsNotAuthenticatedNeverCsrfHeaderMissing()
    {
        await using var app = new TestApp();
        using var client = ClientUnderTest.WithCookies(app, out _);

        var error = await Assert.ThrowsAsync<AuthApiException>(() => client.Api.RefreshTokensAsync());

        Assert.Equal(ErrorCodes.NotAuthenticated, error.ErrorCode);
    }

    [Fact]
    public async Task LogoutSucceedsWhereARequestWithoutTheHeaderIsRefused()
    {
        await using var app = new TestApp();
        using var client = ClientUnderTest.WithCookies(app, out var cookies);

        var withoutHeader = await SameAnswers.RawClient(app, cookies).PostAsync("/logout", content: null);
        var logout = await client.Api.LogoutAsync();

        await ProblemAssert.IsAsync(withoutHeader, HttpStatusCode.Forbidden, ErrorCodes.CsrfHeaderMissing);
        Assert.Equal("/", logout.LogoutUrl);
    }

    [Fact]
    public async Task RefreshWithoutRefreshTokenThrowsNoRefreshToken()
    {
        await using var app = new TestApp();
        using var client = ClientUnderTest.WithCookies(app, out _);
        await client.Api.LogInAsync(app, new Grant { RefreshToken = null });

        var error = await Assert.ThrowsAsync<AuthApiException>(() => client.Api.RefreshTokensAsync());

        Assert.Equal((409, ErrorCodes.NoRefreshToken), (error.Status, error.ErrorCode));
    }

    [Fact]
    public async Task LoginWithUnknownProviderThrowsUnknownProvider()
    {
        await using var app = new TestApp();
        using var client = ClientUnderTest.WithCookies(app, out _);

        var error = await Assert.ThrowsAsync<AuthApiException>(() => client.Api.GetLoginUrlAsync(provider: "nope"));

        Assert.Equal((400, ErrorCodes.UnknownProvider), (error.Status, error.ErrorCode));
    }

    [Fact]
    public async Task ReadinessWithTheProviderDownReturnsTheProblemInsteadOfThrowing()
    {
        await using var app = new TestApp();
        app.Provider.GoDown();
        using var client = ClientUnderTest.WithCookies(app, out _);

        using var readiness = await client.Api.GetReadinessAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
        var error = Assert.IsType<AuthApiException>(readiness.Error);
        Assert.Equal(ErrorCodes.ProviderUnavailable, error.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(10), readiness.Headers!.RetryAfter?.Delta);
    }

    [Fact]
    public async Task FollowLogoutLinkWithoutSidAnswersInvalidSidWithoutThrowing()
    {
        await using var app = new TestApp();
        using var client = ClientUnderTest.WithCookies(app, out _);

        using var logout = await client.Api.FollowLogoutLinkAsync("");

        await ProblemAssert.IsAsync(logout, HttpStatusCode.BadRequest, ErrorCodes.InvalidSid);
    }

    [Fact]
    public async Task ARedirectInsteadOfJsonThrowsWithItsStatusAndNoErrorCode()
    {
        await using var app = new TestApp();
        // What an http-to-https redirect in front of AuthApi answers when BaseAddress says http.
        using var client = new ClientUnderTest(app, primaryHandler: () => new AnswerHandler(() => new HttpResponseMessage(HttpStatusCode.MovedPermanently)
        {
            Headers = { Location = new Uri("https://localhost/me") },
        }));

        var error = await Assert.ThrowsAsync<AuthApiException>(() => client.Api.GetMeAsync());

        Assert.Equal(301, error.Status);
        Assert.Null(error.ErrorCode);
        Assert.Contains("BaseAddress", error.Message, StringComparison.Ordinal);
    }

    private sealed class AnswerHandler(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            return Task.FromResult(answer());
        }
    }
}
