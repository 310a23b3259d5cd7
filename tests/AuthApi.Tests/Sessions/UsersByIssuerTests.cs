using AuthApi.Contracts;
using static AuthApi.Tests.Infrastructure.MultiTenantProvider;

namespace AuthApi.Tests.Sessions;

/// <summary>
/// A user is the issuer and its <c>sub</c> together (OpenID Connect Core §5.7): with a multi-tenant provider, whose issuer is one
/// per tenant, a user of one tenant whose <c>sub</c> equals a user's of another neither sees nor ends that user's sessions, by
/// the session list, by ID, by logging out everywhere, by back-channel logout or by a refresh.
/// </summary>
public abstract class UsersByIssuerTests(RedisClusterFixture? cluster) : RedisTests(cluster)
{
    private const string TenantA = "11111111-1111-1111-1111-111111111111";
    private const string TenantB = "22222222-2222-2222-2222-222222222222";
    private const string SharedSubject = "same-sub";
    private const string SharedProviderSid = "same-provider-session";

    [Fact]
    public async Task TheSessionListHoldsOnlyTheTenantsOwnSessions()
    {
        await using var app = NewApp();
        await LogInAsync(app, TenantA);
        var other = await LogInAsync(app, TenantB);

        var sessions = await other.GetFromJsonAsync<List<ActiveSession>>("/me/sessions");

        Assert.True(Assert.Single(sessions!).Current);
    }

    [Fact]
    public async Task ASessionOfTheSameSubInAnotherTenantCannotBeEndedByItsId()
    {
        await using var app = NewApp();
        var victim = await LogInAsync(app, TenantA);
        var attacker = await LogInAsync(app, TenantB);
        var victimSession = (await victim.GetFromJsonAsync<List<ActiveSession>>("/me/sessions"))!.Single().Id;

        var end = await attacker.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Delete, $"/me/sessions/{victimSession}"));

        await ProblemAssert.IsAsync(end, HttpStatusCode.NotFound, ErrorCodes.SessionNotFound);
        Assert.True(await victim.IsLoggedInAsync());
    }

    [Fact]
    public async Task LoggingOutEverywhereEndsTheTenantsOwnSessionsOnly()
    {
        await using var app = NewApp();
        var laptop = await LogInAsync(app, TenantA);
        var phone = await LogInAsync(app, TenantA);
        var other = await LogInAsync(app, TenantB);

        var logout = await other.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/logout?everywhere=true"));

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.False(await other.IsLoggedInAsync());
        Assert.True(await laptop.IsLoggedInAsync());
        Assert.True(await phone.IsLoggedInAsync());
    }

    [Fact]
    public async Task ABackChannelLogoutBySubEndsTheSessionsOfItsTenantOnly()
    {
        await using var app = NewApp();
        var kept = await LogInAsync(app, TenantA);
        var ended = await LogInAsync(app, TenantB);

        var response = await PostLogoutTokenAsync(app, TenantB, SharedSubject, sid: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await ended.IsLoggedInAsync());
        Assert.True(await kept.IsLoggedInAsync());
    }

    [Fact]
    public async Task ABackChannelLogoutBySidEndsTheSessionsOfItsTenantOnly()
    {
        await using var app = NewApp();
        var kept = await LogInAsync(app, TenantA);
        var ended = await LogInAsync(app, TenantB);

        var response = await PostLogoutTokenAsync(app, TenantB, subject: null, SharedProviderSid);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await ended.IsLoggedInAsync());
        Assert.True(await kept.IsLoggedInAsync());
    }

    [Fact]
    public async Task ARefreshWhoseIdTokenIsAnotherTenantsIsRefused()
    {
        await using var app = NewApp();
        app.Provider.IdTokenOnRefresh = true;
        var tenant = TenantA;
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser, TenantGrant(app, () => tenant));
        tenant = TenantB;

        var refresh = await browser.SendAsync(BrowserRequests.WithCsrf(HttpMethod.Post, "/me/tokens/refresh"));

        await ProblemAssert.IsAsync(refresh, HttpStatusCode.BadGateway, "refresh_failed");
        Assert.Contains(app.Factory.Logs.Lines, line => line.Contains("for another user", StringComparison.Ordinal));
    }

    private TestApp NewApp() => CreateApp("*", configure: settings =>
    {
        settings["Auth:Redis"] = Redis.ConnectionString;
        settings["Auth:Session:Store"] = "Redis";
    });

    /// <summary>A browser logged in as the shared <c>sub</c> of <paramref name="tenant"/>, in the shared provider session.</summary>
    private static async Task<HttpClient> LogInAsync(TestApp app, string tenant)
    {
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser, TenantGrant(app, () => tenant));
        Assert.True(await browser.IsLoggedInAsync());
        return browser;
    }

    /// <summary>The shared user's grant, its ID tokens (at login and at each refresh) of the tenant <paramref name="tenant"/> names then.</summary>
    private static Grant TenantGrant(TestApp app, Func<string> tenant) => new()
    {
        Subject = SharedSubject,
        Claims = { ["sid"] = SharedProviderSid },
        ChangeIdToken = payload =>
        {
            payload["iss"] = IssuerOf(app, tenant());
            payload["tid"] = tenant();
        },
    };

    /// <summary>Posts a logout token of <paramref name="tenant"/> as the provider does: server to server.</summary>
    private static Task<HttpResponseMessage> PostLogoutTokenAsync(TestApp app, string tenant, string? subject, string? sid)
    {
        var claims = LogoutTokens.Claims(app, subject, sid);
        claims["iss"] = IssuerOf(app, tenant);
        claims["tid"] = tenant;
        return app.CreateBareClient().PostAsync("/backchannel-logout", LogoutTokens.Form(LogoutTokens.Sign(claims)));
    }

    public sealed class OnOneServer() : UsersByIssuerTests(null);

    [Collection(RedisClusterCollection.Name)]
    public sealed class OnCluster(RedisClusterFixture cluster) : UsersByIssuerTests(cluster);
}
