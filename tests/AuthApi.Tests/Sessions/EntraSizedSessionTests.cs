using System.Text;
using Xunit.Abstractions;

namespace AuthApi.Tests.Sessions;

/// <summary>
/// The cookie budget against a realistic Entra ID identity: its groups in the ID token (as Entra puts them), a Graph access
/// token of some 1.8 KB and an opaque refresh token of some 1.3 KB. 150 groups fit the default 12 KB; 400 point to Redis.
/// </summary>
public sealed class EntraSizedSessionTests(ITestOutputHelper output)
{
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    [Fact]
    public async Task AnEntraIdentityWithOneHundredFiftyGroupsFitsTheDefaultCookieBudget()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        var grant = EntraGrant(150);

        var callback = await app.LoginAsync(browser, grant);

        var written = callback.ParsedSetCookies().Where(cookie => !cookie.IsDeletion && cookie.Name.StartsWith("authapi.", StringComparison.Ordinal)).ToList();
        var total = written.Sum(cookie => Encoding.UTF8.GetByteCount($"{cookie.Name}={cookie.Value}"));
        output.WriteLine($"150 groups: {total} bytes of name=value in {string.Join(", ", written.Select(cookie => $"{cookie.Name} {cookie.Header.Length}"))}");
        Assert.DoesNotContain("auth_error", callback.Headers.Location!.Query().Keys);
        Assert.InRange(total, 1, 12 * 1024);
        Assert.All(written, cookie => Assert.InRange(Encoding.UTF8.GetByteCount(cookie.Header), 1, 4096));
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.Equal(150, me.GetProperty("claims").GetProperty("groups").GetArrayLength());
        Assert.Equal(TenantId, me.GetProperty("claims").GetProperty("tid").GetString());
        var tokens = await browser.GetFromJsonAsync<JsonElement>("/me/tokens");
        Assert.Equal(grant.AccessToken, tokens.GetProperty("access").GetString());
        Assert.Equal(3, tokens.GetProperty("id").GetString()!.Split('.').Length);
    }

    [Fact]
    public async Task AnEntraIdentityWithFourHundredGroupsFailsWithSessionTooLargePointingToRedis()
    {
        await using var app = new TestApp();

        var callback = await app.LoginAsync(app.CreateBrowser(), EntraGrant(400));

        Assert.Equal("session_too_large", callback.Headers.Location!.Query()["auth_error"]);
        Assert.DoesNotContain(callback.CookiesWritten(), name => name.StartsWith("authapi.session", StringComparison.Ordinal));
        var advice = Assert.Single(app.Factory.Logs.Lines, line => line.Contains("Auth:Session:MaxCookieBytes", StringComparison.Ordinal));
        Assert.Contains("Auth:Session:Store=Redis", advice, StringComparison.Ordinal);
    }

    /// <summary>An Entra v2.0 ID token's claims with <paramref name="groups"/> group object IDs, and Entra-sized tokens.</summary>
    internal static Grant EntraGrant(int groups)
    {
        var random = new Random(groups);
        return new Grant
        {
            Subject = RandomText(random, 43),
            Claims = new()
            {
                ["nbf"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["aio"] = RandomText(random, 128),
                ["name"] = "Ada Lovelace",
                ["oid"] = RandomGuid(random),
                ["preferred_username"] = "ada.lovelace@contoso.onmicrosoft.com",
                ["rh"] = "1.AXEAv4j5cvGGr0GRqy180BHbR" + RandomText(random, 42) + ".",
                ["tid"] = TenantId,
                ["uti"] = RandomText(random, 22),
                ["ver"] = "2.0",
                ["groups"] = RandomGuids(random, groups),
            },
            AccessToken = $"eyJ0eXAiOiJKV1QiLCJub25jZSI6{RandomText(random, 1400)}.{RandomText(random, 342)}",
            RefreshToken = "1.AXEAv4j5cvGGr0GRqy180BHbR" + RandomText(random, 1270),
        };
    }

    internal static string[] RandomGuids(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => RandomGuid(random))];

    private static string RandomGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static string RandomText(Random random, int length)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return string.Create(length, random, static (chars, random) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[random.Next(Alphabet.Length)];
            }
        });
    }
}
