using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace AuthApi.Tests.Sessions;

/// <summary>Cookies of the format before the ID token was stored once (purposes <c>.v1</c>) read as no session after an upgrade: a re-login, never an error.</summary>
public sealed class SessionFormatUpgradeTests
{
    [Fact]
    public async Task CookiesOfThePreviousFormatReadAsAnonymousAndAreDeleted()
    {
        await using var app = new TestApp();
        var protection = app.Factory.Services.GetRequiredService<IDataProtectionProvider>();
        var now = DateTimeOffset.UtcNow;
        var identity = $$"""{"id":"s1","provider":"test","subject":"user-1","claims":{"sub":"user-1","name":"Ada"},"issuedAt":"{{now:O}}","expiresAt":"{{now.AddDays(1):O}}"}""";
        var tokens = """{"sessionId":"s1","idToken":"a.b.c","accessToken":"access","refreshToken":"refresh"}""";
        var cookies = new Dictionary<string, string>
        {
            ["authapi.session"] = Protect(protection, "AuthApi.Session.Identity.v1", identity),
            ["authapi.tokens"] = Protect(protection, "AuthApi.Session.Tokens.v1", tokens),
        };

        var me = await app.CreateBareClient().GetWithCookiesAsync("/me", cookies);
        var tokensAnswer = await app.CreateBareClient().GetWithCookiesAsync("/me/tokens", cookies);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("""{"isLoggedIn":false}""", await me.Content.ReadAsStringAsync());
        Assert.Contains("authapi.session", me.DeletedCookies());
        Assert.Equal(HttpStatusCode.Unauthorized, tokensAnswer.StatusCode);
    }

    private static string Protect(IDataProtectionProvider protection, string purpose, string json) =>
        WebEncoders.Base64UrlEncode(protection.CreateProtector(purpose).Protect(Encoding.UTF8.GetBytes(json)));
}
