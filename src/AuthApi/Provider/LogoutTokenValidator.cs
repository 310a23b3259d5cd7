using System.Text.Json;
using AuthApi.Options;
using Microsoft.Extensions.Options;

namespace AuthApi.Provider;

/// <summary>
/// Validates a back-channel logout token as OpenID Connect Back-Channel Logout 1.0 §2.6 asks: what
/// <see cref="ProviderJwtValidator"/> checks of every provider JWT (signature, no <c>crit</c> header, no repeated member,
/// <c>iss</c>, <c>aud</c>, <c>exp</c>, <c>iat</c>), then a <c>jti</c>, the back-channel logout event, no <c>nonce</c>, and a
/// <c>sub</c> or a <c>sid</c>. The provider is the one whose issuer the token names; providers sharing an issuer are told
/// apart by their client ID in <c>aud</c>.
/// </summary>
internal sealed class LogoutTokenValidator(ProviderMetadataCache discovery, ProviderJwtValidator jwts, IOptions<AuthOptions> options)
{
    /// <summary>The member of <c>events</c> that makes a JWT a logout token (§2.4).</summary>
    public const string BackChannelLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

    private const string Kind = "logout token";

    /// <summary>What a logout token may name to end sessions by: the user, the session at the provider, or both (§2.4).</summary>
    private static readonly string[] SessionClaims = ["sub", "sid"];

    public async Task<LogoutTokenResult> ValidateAsync(string logoutToken, CancellationToken cancellationToken)
    {
        if (ProviderJwt.TryParse(logoutToken, Kind, out var unreadable) is not { } jwt)
        {
            return LogoutTokenResult.Fail(null, unreadable!);
        }
        // Read unverified only to choose whose keys and client ID to verify with.
        if (jwt.StringMember("iss") is not { Length: > 0 } issuer)
        {
            return LogoutTokenResult.Fail(null, "the logout token has no iss");
        }

        LogoutTokenResult? firstFailure = null;
        foreach (var (providerName, metadata) in await ProvidersOfIssuerAsync(issuer, cancellationToken))
        {
            if (await jwts.ValidateAsync(providerName, metadata, jwt, Kind, cancellationToken) is { } invalid)
            {
                firstFailure ??= LogoutTokenResult.Fail(providerName, invalid);
                continue;
            }
            return CheckClaims(jwt) is { } problem
                ? LogoutTokenResult.Fail(providerName, problem)
                : LogoutTokenResult.Success(providerName, issuer, jwt.StringMember("sub"), jwt.StringMember("sid"), jwt.StringMember("jti")!, jwt.Token.ValidTo);
        }
        return firstFailure ?? LogoutTokenResult.Fail(null, "the logout token's iss is the issuer of no configured provider");
    }

    /// <summary>The configured providers whose loaded metadata names this issuer, by name.</summary>
    private async Task<List<(string Name, ProviderMetadata Metadata)>> ProvidersOfIssuerAsync(string issuer, CancellationToken cancellationToken)
    {
        var candidates = new List<(string, ProviderMetadata)>();
        foreach (var name in options.Value.Providers.Keys.Order(StringComparer.Ordinal))
        {
            if (await discovery.GetAsync(name, cancellationToken) is { } metadata && IsIssuerOf(metadata, options.Value.Providers[name], issuer))
            {
                candidates.Add((name, metadata));
            }
        }
        return candidates;
    }

    /// <summary>The provider's issuer, or with a multi-tenant provider that of an allowed tenant (its tid is checked with the signature).</summary>
    private static bool IsIssuerOf(ProviderMetadata metadata, ProviderOptions provider, string issuer) =>
        TenantIssuer.IsTemplate(metadata.Issuer) ? TenantIssuer.IsAllowed(metadata.Issuer, issuer, provider.AllowedTenants) : metadata.Issuer == issuer;

    private static string? CheckClaims(ProviderJwt jwt)
    {
        if (jwt.StringMember("jti") is not { Length: > 0 })
        {
            return "the logout token has no jti";
        }
        if (!jwt.Payload.TryGetValue("events", out var events)
            || JsonObjects.TryReadMembers(events) is not { } members
            || !members.TryGetValue(BackChannelLogoutEvent, out var logoutEvent)
            || logoutEvent.ValueKind != JsonValueKind.Object)
        {
            return "the logout token's events is not an object holding the back-channel logout event as an object";
        }
        // §2.4: a nonce is prohibited, so an ID token can never pass as a logout token.
        if (jwt.Payload.ContainsKey("nonce"))
        {
            return "the logout token has a nonce";
        }
        foreach (var name in SessionClaims)
        {
            if (jwt.Payload.ContainsKey(name) && jwt.StringMember(name) is not { Length: > 0 })
            {
                return $"the logout token's {name} is not a non-empty string";
            }
        }
        return SessionClaims.Any(jwt.Payload.ContainsKey) ? null : "the logout token has neither sub nor sid";
    }
}
