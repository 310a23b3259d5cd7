using System.Text;

namespace AuthApi.Tests.Sessions;

/// <summary>An identity over one cookie's limit: written in chunks, read back whole, and all of it deleted.</summary>
public sealed class ChunkedSessionTests
{
    private const string AnonymousBody = """{"isLoggedIn":false}""";
    private const string Base = "authapi.session";

    [Fact]
    public async Task LargeIdentityIsWrittenAsChunksEachWithinTheBrowserLimit()
    {
        await using var app = new TestApp();

        var callback = await app.LoginAsync(app.CreateBrowser(), GrantWithGroups(300));

        var written = callback.ParsedSetCookies().Where(cookie => !cookie.IsDeletion).ToList();
        var chunks = ChunkCount(written.Single(cookie => cookie.Name == Base).Value);
        Assert.InRange(chunks, 2, 4);
        Assert.Equal(
            [.. Enumerable.Range(1, chunks).Select(chunk => $"{Base}C{chunk}")],
            written.Select(cookie => cookie.Name).Where(name => name.StartsWith(Base + "C", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.All(written, cookie => Assert.InRange(Encoding.UTF8.GetByteCount(cookie.Header), 1, 4096));
        Assert.InRange(written.Sum(cookie => cookie.Value.Length), 1, 12 * 1024);
    }

    [Fact]
    public async Task ChunkedIdentityReadsBackWhole()
    {
        await using var app = new TestApp();
        var cookies = (await app.LoginAsync(app.CreateBrowser(), GrantWithGroups(300))).WrittenCookies();

        var response = await app.CreateBareClient().GetWithCookiesAsync("/me", cookies);

        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(me.GetProperty("isLoggedIn").GetBoolean());
        Assert.Equal(Groups(300), me.GetProperty("claims").GetProperty("groups").EnumerateArray().Select(group => group.GetString()));
    }

    [Fact]
    public async Task ChunkedIdentityReadsBackWholeInABrowser()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser, GrantWithGroups(300));

        var me = await browser.GetFromJsonAsync<JsonElement>("/me");

        Assert.Equal(300, me.GetProperty("claims").GetProperty("groups").GetArrayLength());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ChunkedIdentityWithAChunkMissingReadsAsAnonymous(int missing)
    {
        await using var app = new TestApp();
        var cookies = (await app.LoginAsync(app.CreateBrowser(), GrantWithGroups(300))).WrittenCookies();
        cookies.Remove($"{Base}C{missing}");

        var response = await app.CreateBareClient().GetWithCookiesAsync("/me", cookies);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AnonymousBody, await response.Content.ReadAsStringAsync());
        Assert.Contains(Base, response.DeletedCookies());
    }

    [Fact]
    public async Task ChunkedIdentityWithATamperedChunkReadsAsAnonymous()
    {
        await using var app = new TestApp();
        var cookies = (await app.LoginAsync(app.CreateBrowser(), GrantWithGroups(300))).WrittenCookies();
        var chunk = cookies[$"{Base}C1"];
        cookies[$"{Base}C1"] = chunk[..100] + (chunk[100] == 'A' ? 'B' : 'A') + chunk[101..];

        var response = await app.CreateBareClient().GetWithCookiesAsync("/me", cookies);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AnonymousBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LogoutDeletesEveryChunkAndTheTokensCookie()
    {
        await using var app = new TestApp();
        var cookies = (await app.LoginAsync(app.CreateBrowser(), GrantWithGroups(300))).WrittenCookies();
        var chunks = ChunkCount(cookies[Base]);

        var response = await app.CreateBareClient().SendWithCookiesAsync(HttpMethod.Post, "/logout", cookies, ("X-CSRF", "1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deleted = response.DeletedCookies();
        Assert.Contains(Base, deleted);
        Assert.Contains("authapi.tokens", deleted);
        Assert.All(Enumerable.Range(1, chunks), chunk => Assert.Contains($"{Base}C{chunk}", deleted));
        Assert.Empty(response.CookiesWritten());
    }

    [Fact]
    public async Task SmallerIdentityAfterAChunkedOneLeavesNoChunkBehind()
    {
        await using var app = new TestApp();
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser, GrantWithGroups(300));

        var second = await app.LoginAsync(browser);

        Assert.Contains($"{Base}C1", second.DeletedCookies());
        Assert.Contains($"{Base}C2", second.DeletedCookies());
        var me = await browser.GetFromJsonAsync<JsonElement>("/me");
        Assert.True(me.GetProperty("isLoggedIn").GetBoolean());
        Assert.False(me.GetProperty("claims").TryGetProperty("groups", out _));
    }

    internal static Grant GrantWithGroups(int count) => new()
    {
        UserInfo = new() { ["sub"] = "user-1", ["groups"] = Groups(count) },
    };

    /// <summary>Group object IDs as Entra gives them: random GUIDs (the same for a count), which compression shrinks by half at most.</summary>
    internal static string[] Groups(int count) => EntraSizedSessionTests.RandomGuids(new Random(count), count);

    private static int ChunkCount(string baseValue)
    {
        Assert.Matches("^chunks-[0-9]+$", baseValue);
        return int.Parse(baseValue["chunks-".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
