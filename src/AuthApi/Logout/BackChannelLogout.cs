using AuthApi.Options;
using AuthApi.Provider;
using AuthApi.Sessions;
using AuthApi.Telemetry;
using Microsoft.Extensions.Options;

namespace AuthApi.Logout;

/// <summary>
/// OpenID Connect Back-Channel Logout 1.0: the provider posts a signed logout token when a user's session there ends, and the
/// server-side sessions it names end here too: those its <c>sid</c> started, or, with only a <c>sub</c>, all of the user's.
/// </summary>
internal sealed class BackChannelLogout(
    LogoutTokenValidator validator,
    UsedLogoutTokens usedTokens,
    RedisSessionStore sessions,
    IOptions<AuthOptions> options,
    AuthApiMetrics metrics,
    ILogger<BackChannelLogout> logger)
{
    /// <summary>Stands for the provider in a log line when the token names none that is configured; no provider is named so.</summary>
    private const string UnknownProvider = "(unknown)";

    /// <summary>True when the request carried a valid, unused logout token and its sessions have ended; false ends nothing.</summary>
    public async Task<bool> LogOutAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (form, unreadable) = await LogoutTokenForm.ReadAsync(request, cancellationToken);
        if (form is null)
        {
            logger.LogoutTokenRefused(UnknownProvider, unreadable!);
            return false;
        }
        var token = await validator.ValidateAsync(form.LogoutToken, cancellationToken);
        if (!token.IsValid)
        {
            logger.LogoutTokenRefused(token.Provider ?? UnknownProvider, token.Error!);
            return false;
        }
        var provider = token.Provider!;
        // Recorded only now that everything else passed: a defective token must not use up its jti.
        if (!await usedTokens.TryUseAsync(provider, token.TokenId, token.ExpiresAt + options.Value.ClockSkew))
        {
            logger.LogoutTokenRefused(provider, "its jti was used before (a replay)");
            return false;
        }

        var ended = token.ProviderSid is { } providerSid
            ? await sessions.EndByProviderSessionAsync(provider, token.Issuer, providerSid, token.Subject)
            : (await sessions.EndAllAsync(new UserKey(provider, token.Issuer, token.Subject!))).Count;
        logger.BackChannelLoggedOut(provider, ended, token.ProviderSid is null ? "sub" : "sid");
        metrics.LoggedOut(provider, LogoutKinds.BackChannel);
        return true;
    }
}
