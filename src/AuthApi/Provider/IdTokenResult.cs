using System.Text.Json;

namespace AuthApi.Provider;

/// <summary>The outcome of ID token validation; <see cref="Error"/> is a reason for the log, never token content.</summary>
internal sealed record IdTokenResult(string? Error, string Issuer, string Subject, Dictionary<string, JsonElement> Claims, DateTimeOffset ExpiresAt)
{
    public bool IsValid => Error is null;

    public static IdTokenResult Success(string issuer, string subject, Dictionary<string, JsonElement> claims, DateTime expires) =>
        new(null, issuer, subject, claims, new DateTimeOffset(expires, TimeSpan.Zero));

    public static IdTokenResult Fail(string error) => new(error, "", "", [], default);
}
