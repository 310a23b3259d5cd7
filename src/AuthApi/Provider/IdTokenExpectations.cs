namespace AuthApi.Provider;

/// <summary>What an ID token must match besides the provider: the login's nonce and <c>max_age</c>.</summary>
/// <param name="Nonce">The login's nonce; null for an ID token from a refresh, which carries none (OIDC Core §12.2).</param>
/// <param name="MaxAge">The <c>max_age</c> the login sent, in seconds, or null.</param>
internal sealed record IdTokenExpectations(string? Nonce, int? MaxAge)
{
    public static readonly IdTokenExpectations Refresh = new(null, null);
}
