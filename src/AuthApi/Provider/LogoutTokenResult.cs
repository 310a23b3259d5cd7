namespace AuthApi.Provider;

/// <summary>
/// The outcome of logout token validation: whose sessions to end, or why not. <see cref="Error"/> is a reason for the log,
/// never token content; <see cref="Provider"/> is known once the token's issuer named a configured provider.
/// </summary>
/// <param name="Issuer">The token's <c>iss</c>: with a multi-tenant provider, the tenant's issuer.</param>
/// <param name="Subject">The token's <c>sub</c>, or null when it names only a <c>sid</c>.</param>
/// <param name="ProviderSid">The token's <c>sid</c> (the session at the provider), or null when it names only a <c>sub</c>.</param>
/// <param name="TokenId">The token's <c>jti</c>, for refusing replays.</param>
/// <param name="ExpiresAt">The token's <c>exp</c>: a replay is refused until then.</param>
internal sealed record LogoutTokenResult(string? Error, string? Provider, string Issuer, string? Subject, string? ProviderSid, string TokenId, DateTimeOffset ExpiresAt)
{
    public bool IsValid => Error is null;

    public static LogoutTokenResult Success(string provider, string issuer, string? subject, string? providerSid, string tokenId, DateTime expires) =>
        new(null, provider, issuer, subject, providerSid, tokenId, new DateTimeOffset(expires, TimeSpan.Zero));

    public static LogoutTokenResult Fail(string? provider, string error) => new(error, provider, "", null, null, "", default);
}
