using AuthApi.Options;
using Duende.IdentityModel.Client;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthApi.Provider;

/// <summary>
/// When a token response's access token expires, so it is refreshed in time: its <c>expires_in</c>; else the access token's
/// own <c>exp</c> when it is a JWT; else <c>Auth:Providers:{name}:DefaultAccessTokenLifetime</c> (Salesforce sends no
/// <c>expires_in</c> and opaque tokens).
/// </summary>
internal static class AccessTokenExpiry
{
    public static DateTimeOffset Of(TokenResponse response, ProviderOptions provider, DateTimeOffset now)
    {
        if (response.ExpiresIn > 0)
        {
            return now.AddSeconds(response.ExpiresIn);
        }
        return ExpOf(response.AccessToken) ?? now + provider.DefaultAccessTokenLifetime;
    }

    /// <summary>
    /// The <c>exp</c> of an access token that is a JWT, read without validating it: the access token is for its API, not for
    /// this service, and the time only says when to refresh, so a wrong one costs an early or a failed refresh, never access.
    /// </summary>
    private static DateTimeOffset? ExpOf(string? accessToken)
    {
        if (string.IsNullOrEmpty(accessToken) || accessToken.Count(c => c == '.') != 2)
        {
            return null;
        }
        try
        {
            return new JsonWebToken(accessToken).TryGetPayloadValue<long>("exp", out var exp) && exp > 0
                ? DateTimeOffset.FromUnixTimeSeconds(exp)
                : null;
        }
        catch (ArgumentException)
        {
            return null; // not a JWT after all: an opaque token that happens to have two dots
        }
    }
}
