using AuthApi.Options;
using AuthApi.Provider;
using AuthApi.Sessions;
using AuthApi.Telemetry;
using Microsoft.Extensions.Options;

namespace AuthApi.Logout;

/// <summary>
/// Ends this browser's session (or, with server-side sessions, every session of the user): deletes its cookies, revokes the
/// refresh tokens when the provider allows it, and works out where the browser goes next (the provider's end-session
/// endpoint, OIDC RP-Initiated Logout 1.0, or <c>Auth:PostLogoutReturnUrl</c>).
/// </summary>
internal sealed class SessionLogout(
    ISessionStore sessions,
    RedisSessionStore serverSessions,
    ProviderMetadataCache discovery,
    ProviderClient providerClient,
    IOptions<AuthOptions> options,
    AuthApiMetrics metrics,
    ILogger<SessionLogout> logger)
{
    /// <summary>"Log out everywhere" needs the sessions of every browser, which only the Redis store knows.</summary>
    public bool CanEndEverywhere => options.Value.Session.Store == SessionStoreKind.Redis;

    /// <summary>Logs the session out (anonymous callers succeed too), with <paramref name="everywhere"/> all of the user's sessions, and returns the logout URL.</summary>
    public async Task<string> LogOutAsync(HttpContext context, UserSession? session, bool everywhere, CancellationToken cancellationToken)
    {
        if (session is null)
        {
            sessions.DeleteCookies(context);
            return options.Value.PostLogoutReturnUrl;
        }
        var tokens = await sessions.ReadTokensAsync(context, session);
        await sessions.EndAsync(context, session);
        var otherTokens = everywhere ? await serverSessions.EndAllAsync(session.User) : [];
        if (!options.Value.Providers.TryGetValue(session.Provider, out var provider))
        {
            metrics.LoggedOut(session.Provider, everywhere ? LogoutKinds.Everywhere : LogoutKinds.Local);
            return options.Value.PostLogoutReturnUrl;
        }
        var returnUrl = options.Value.PostLogoutReturnUrlOf(session.Provider);

        var metadata = await discovery.GetAsync(session.Provider, cancellationToken);
        if (metadata?.RevocationEndpoint is { } revocationEndpoint && provider.RevokeRefreshTokenOnLogout)
        {
            var refreshTokens = otherTokens.Prepend(tokens).Select(ended => ended?.RefreshToken).OfType<string>().Distinct(StringComparer.Ordinal);
            await Task.WhenAll(refreshTokens.Select(refreshToken => RevokeAsync(session.Provider, metadata, revocationEndpoint, provider, refreshToken, cancellationToken)));
        }

        var postLogoutRedirectUri = provider.PostLogoutRedirectUri ?? options.Value.RedirectUriOf(session.Provider);
        var endSessionUrl = EndSessionUrl.For(provider, metadata, postLogoutRedirectUri, session.IdToken.ToCompact());
        var atProvider = endSessionUrl is not null;
        logger.LoggedOut(session.Provider, atProvider);
        metrics.LoggedOut(session.Provider, everywhere ? LogoutKinds.Everywhere : atProvider ? LogoutKinds.Provider : LogoutKinds.Local);
        return endSessionUrl ?? returnUrl;
    }

    private async Task RevokeAsync(string providerName, ProviderMetadata metadata, string endpoint, ProviderOptions provider, string refreshToken, CancellationToken cancellationToken)
    {
        var response = await providerClient.RevokeRefreshTokenAsync(providerName, metadata, endpoint, provider, refreshToken, cancellationToken);
        if (response.IsError)
        {
            logger.RevocationFailed(providerName, $"{response.ErrorType} {(int)response.HttpStatusCode} {response.Error}");
        }
    }
}
