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
            // Random GUIDs as Entra's group IDs are: "group-001" and the like would compress into one cookie.
            var random = new Random(groups);
            claims["groups"] = Enumerable.Range(0, groups).Select(_ => new Guid([.. Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256))]).ToString()).ToArray();
        }
        // The ID token as the session stores it (its payload is the claims), with a signature segment of RS256's length.
        var idToken = new SessionIdToken("eyJhbGciOiJSUzI1NiJ9", JsonSerializer.Serialize(claims), new string('s', 342));
        var session = new UserSession(id, BenchmarkProvider.Name, Subject, idToken, UserInfoClaims: null, now, now.AddDays(30), IdleExpiresAt: null);
        // Token sizes of a typical provider: a JWT access token of about a kilobyte, an opaque refresh token.
        var tokens = new SessionTokens(id, new string('a', 1000), new string('r', 100), now.AddHours(1), "Bearer", "openid profile email");
        return new NewSession(session, tokens, ProviderSid: null);
    }
}
