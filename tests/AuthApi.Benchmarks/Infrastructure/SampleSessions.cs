using System.Text.Json;
using AuthApi.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace AuthApi.Benchmarks.Infrastructure;

/// <summary>
/// The two identities every session benchmark uses: a small one (one cookie) and one with 300 <c>groups</c> claims, as the
/// chunking tests log in with, which takes two chunks. Their cookies come from the store itself, as a login writes them.
/// </summary>
internal static class SampleSessions
{
    public const string Subject = "user-1";

    public static NewSession Small() => Create(groups: 0);

    public static NewSession Chunked() => Create(groups: 300);

    /// <summary>
    /// The Cookie header a browser sends after the store wrote this session: every cookie of the response's Set-Cookie
    /// headers (identity and tokens, each chunk), as <c>name=value</c> pairs.
    /// </summary>
    public static async Task<string> CookieHeaderAsync(BenchmarkHost host, NewSession session)
    {
        var context = host.CreateRequest();
        var written = await host.Services.GetRequiredService<ISessionStore>().CreateAsync(context, session);
        if (!written.Written)
        {
            throw new InvalidOperationException($"The store refused the session ({written.CookieBytes} cookie bytes).");
        }
        var cookies = SetCookieHeaderValue.ParseList([.. context.Response.Headers.SetCookie.OfType<string>()]);
        return string.Join("; ", cookies.Select(cookie => $"{cookie.Name}={cookie.Value}"));
    }

    private static NewSession Create(int groups)
    {
        var now = DateTimeOffset.UtcNow;
        var id = Guid.NewGuid().ToString("N");
        var claims = new Dictionary<string, object>
        {
            ["sub"] = Subject,
            ["name"] = "Ada Lovelace",
            ["email"] = "ada@example.com",
            ["email_verified"] = true,
            ["preferred_username"] = "ada",
        };
        if (groups > 0)
        {
            claims["groups"] = Enumerable.Range(1, groups).Select(group => $"group-{group:000}").ToArray();
        }
        var session = new UserSession(id, BenchmarkProvider.Name, Subject, ToJson(claims), now, now.AddDays(30), IdleExpiresAt: null);
        // Token sizes of a typical provider: JWT ID and access tokens of about a kilobyte, an opaque refresh token.
        var tokens = new SessionTokens(id, new string('i', 1000), new string('a', 1000), new string('r', 100), now.AddHours(1), "Bearer", "openid profile email");
        return new NewSession(session, tokens, ProviderSid: null);
    }

    private static Dictionary<string, JsonElement> ToJson(Dictionary<string, object> claims) =>
        claims.ToDictionary(claim => claim.Key, claim => JsonSerializer.SerializeToElement(claim.Value));
}
