using System.Text.Json;
using AuthApi.Contracts;

namespace AuthApi.User;

/// <summary>What <c>/me</c> and <c>/me/tokens</c> answer, for their OpenAPI description.</summary>
internal static class UserExamples
{
    private const string SampleSid = "3vYq0pZ6Hn1cW8bF2kLr5tX9aD4gJ7mQ0sU2wE6yB8c";

    private static readonly DateTimeOffset LoggedInAt = new(2025, 1, 15, 9, 30, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<ActiveSession> Sessions =
    [
        new(SampleSid, LoggedInAt, LoggedInAt.AddHours(3), "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", true),
        new("Qm8xR2vN5tY7wK1zH4cJ9pL3sD6fG0aB2eU5iO8rT1y", LoggedInAt.AddDays(-2), LoggedInAt.AddHours(-20),
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", false),
    ];

    public static readonly MeResponse LoggedIn = new()
    {
        IsLoggedIn = true,
        Provider = "google",
        Sub = "1234",
        Name = "Ada Lovelace",
        Email = "ada@example.com",
        Claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""
            {
              "iss": "https://accounts.google.com",
              "sub": "1234",
              "aud": "1234-abcd.apps.googleusercontent.com",
              "iat": 1736933400,
              "exp": 1736937000,
              "name": "Ada Lovelace",
              "given_name": "Ada",
              "family_name": "Lovelace",
              "email": "ada@example.com",
              "email_verified": true
            }
            """),
        Session = new SessionInfo(LoggedInAt, LoggedInAt.AddDays(30), LoggedInAt.AddHours(1)),
        LogoutUrl = $"/logout?sid={SampleSid}",
    };

    // The access token is the sample of RFC 6749 §4.1.4; the ID token has a real one's shape, not a real signature.
    public static readonly TokensResponse IdAndAccessTokens = new()
    {
        Id = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjFlOWdkazcifQ.eyJpc3MiOiJodHRwczovL2FjY291bnRzLmdvb2dsZS5jb20iLCJzdWIiOiIxMjM0In0.c2lnbmF0dXJl",
        Access = "2YotnFZFEjr1zCsicMWpAA",
        AccessTokenExpiresAt = LoggedInAt.AddHours(1),
        TokenType = "Bearer",
        Scope = "openid profile email",
    };

    public static readonly TokensResponse RefreshedTokens = new()
    {
        Access = "8xLOxBtZp8",
        AccessTokenExpiresAt = LoggedInAt.AddHours(2),
        TokenType = "Bearer",
        Scope = "openid profile email",
    };
}
