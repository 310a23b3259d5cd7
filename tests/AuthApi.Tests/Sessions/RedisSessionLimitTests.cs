using System.Security.Cryptography;
using System.Text;
using AuthApi.Contracts;

namespace AuthApi.Tests.Sessions;

/// <summary>
/// The Redis store's caps against a user who fills Redis: a stored session's size (<c>Auth:Session:MaxStoredBytes</c>) and a
/// user's count of live sessions (<c>Auth:Session:MaxPerUser</c>, the least recently seen ending first). Run on one server
/// and on a cluster, where each session's keys are in a slot of their own.
/// </summary>
public abstract class RedisSessionLimitTests(RedisClusterFixture? cluster) : RedisTests(cluster)
{
    private const string ClaimValue = "claim-value-";

    [Fact]
    public async Task ALoginWithA150KilobyteClaimEndsWithSessionTooLargeAndStoresNothing()
    {
        await using var app = NewApp();
        var browser = app.CreateBrowser();

        var callback = await app.LoginAsync(browser, GrantWithClaim("entitlements", 150_000));

        Assert.Equal("session_too_large", callback.Headers.Location!.Query()["auth_error"]);
        Assert.DoesNotContain(callback.CookiesWritten(), name => name.StartsWith("authapi.session", StringComparison.Ordinal));
        Assert.Empty(await Redis.KeysAsync("authapi:session*"));
        Assert.False(await browser.IsLoggedInAsync());
    }

    [Fact]
    public async Task ASessionTooLargeToStoreIsLoggedWithItsLargestClaimsByNameNeverByValue()
    {
        await using var app = NewApp();

        await app.LoginAsync(app.CreateBrowser(), GrantWithClaim("entitlements", 150_000));

        var advice = Assert.Single(app.Factory.Logs.Lines, line => line.Contains("Auth:Session:MaxStoredBytes (65536)", StringComparison.Ordinal));
        Assert.Matches(@"Largest claims: entitlements \(1500\d\d bytes\)", advice);
        Assert.Contains("Auth:Providers:test:Scope", advice, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Factory.Logs.Lines, line => line.Contains(ClaimValue, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AConfiguredStoredSizeLimitIsHonouredAndASessionUnderItIsStored()
    {
        await using var app = NewApp(settings => settings["Auth:Session:MaxStoredBytes"] = "16384");

        var over = await app.LoginAsync(app.CreateBrowser(), GrantWithClaim("entitlements", 20_000));
        var under = await app.LoginAsync(app.CreateBrowser(), GrantWithClaim("entitlements", 8_000));

        Assert.Equal("session_too_large", over.Headers.Location!.Query()["auth_error"]);
        Assert.Equal("/", under.Headers.Location!.OriginalString);
        Assert.Single(await Redis.KeysAsync("authapi:session:*"));
    }

    [Fact]
    public async Task ARefreshThatWouldTakeTheSessionOverTheLimitEndsTheSession()
    {
        await using var app = NewApp(settings => settings["Auth:Session:MaxStoredBytes"] = "8192");
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        app.Provider.RefreshedAccessTokenPadding = 10_000;
        app.Time.Advance(TimeSpan.FromHours(2));

        var tokens = await browser.GetAsync("/me/tokens");

        await ProblemAssert.IsAsync(tokens, HttpStatusCode.Unauthorized, ErrorCodes.SessionEnded);
        Assert.False(await browser.IsLoggedInAsync());
        Assert.Empty(await Redis.KeysAsync("authapi:session:*"));
        Assert.Single(app.Factory.Logs.Lines, line => line.Contains("over Auth:Session:MaxStoredBytes; the session ends", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoginsBeyondMaxPerUserEndTheLeastRecentlySeenSessionsFirst()
    {
        await using var app = NewApp(settings => settings["Auth:Session:MaxPerUser"] = "3");
        var browsers = Enumerable.Range(0, 5).Select(_ => app.CreateBrowser()).ToArray();
        var colleague = app.CreateBrowser();
        await app.LoginAsync(colleague, new Grant { Subject = "grace" });
        var ids = new string[5];
        for (var i = 0; i < 3; i++)
        {
            ids[i] = await LogInAdaAsync(app, browsers[i]);
            app.Time.Advance(TimeSpan.FromMinutes(2));
        }
        Assert.True(await browsers[0].IsLoggedInAsync()); // the first, seen again: now the second is the least recently seen

        app.Time.Advance(TimeSpan.FromMinutes(2));
        ids[3] = await LogInAdaAsync(app, browsers[3]);
        app.Time.Advance(TimeSpan.FromMinutes(2));
        ids[4] = await LogInAdaAsync(app, browsers[4]);

        var loggedIn = await Task.WhenAll(browsers.Select(browser => browser.IsLoggedInAsync()));
        Assert.Equal([true, false, false, true, true], loggedIn);
        var listed = await browsers[4].GetFromJsonAsync<List<ActiveSession>>("/me/sessions");
        Assert.Equal(new[] { ids[0], ids[3], ids[4] }.Order(StringComparer.Ordinal), listed!.Select(session => session.Id).Order(StringComparer.Ordinal));
        Assert.Equal(4, (await Redis.KeysAsync("authapi:session:*")).Count);
        Assert.True(await colleague.IsLoggedInAsync());
        var ended = app.Factory.Logs.Lines.Where(line => line.Contains("Auth:Session:MaxPerUser (3)", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, ended.Count);
        Assert.Contains(LoggedName(ids[1]), ended[0], StringComparison.Ordinal);
        Assert.Contains(LoggedName(ids[2]), ended[1], StringComparison.Ordinal);
        Assert.DoesNotContain(app.Factory.Logs.Lines, line => ids.Any(id => line.Contains(id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ASessionEndedForANewerLoginReadsAsAnonymousOnAnotherInstanceToo()
    {
        await using var app = NewApp(settings => settings["Auth:Session:MaxPerUser"] = "1");
        var cookies = new CookieContainer();
        await LogInAdaAsync(app, TestApp.CreateBrowser(app.Factory, cookies));
        var onB = TestApp.CreateBrowser(app.AddInstance(), cookies);
        Assert.True(await onB.IsLoggedInAsync()); // B has read (and cached) the session
        app.Time.Advance(TimeSpan.FromMinutes(2));

        await LogInAdaAsync(app, app.CreateBrowser());

        Assert.True(await Eventually.IsTrueAsync(async () => !await onB.IsLoggedInAsync()));
    }

    /// <summary>A grant whose ID token carries a claim of <paramref name="characters"/> characters besides the usual ones.</summary>
    private static Grant GrantWithClaim(string name, int characters) => new()
    {
        Claims = new()
        {
            ["name"] = "Ada Lovelace",
            ["email"] = "ada@example.com",
            [name] = string.Concat(Enumerable.Repeat(ClaimValue, (characters / ClaimValue.Length) + 1))[..characters],
        },
    };

    /// <summary>Logs Ada in with the browser; returns the session's ID, as <c>/me/sessions</c> lists it.</summary>
    private static async Task<string> LogInAdaAsync(TestApp app, HttpClient browser)
    {
        await app.LoginAsync(browser, new Grant { Subject = "ada" });
        return (await browser.GetFromJsonAsync<JsonElement>("/me")).GetProperty("logoutUrl").GetString()!["/logout?sid=".Length..];
    }

    /// <summary>How a log line names a session: the first 16 hex digits of its ID's SHA-256, never the ID.</summary>
    private static string LoggedName(string sessionId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)))[..16];

    private TestApp NewApp(Action<Dictionary<string, string?>>? configure = null) => new(settings =>
    {
        settings["Auth:Redis"] = Redis.ConnectionString;
        settings["Auth:Session:Store"] = "Redis";
        configure?.Invoke(settings);
    });

    public sealed class OnOneServer() : RedisSessionLimitTests(null);

    [Collection(RedisClusterCollection.Name)]
    public sealed class OnCluster(RedisClusterFixture cluster) : RedisSessionLimitTests(cluster);
}
