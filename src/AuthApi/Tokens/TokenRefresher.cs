using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using AuthApi.Options;
using AuthApi.Provider;
using AuthApi.Sessions;
using AuthApi.Telemetry;
using Microsoft.Extensions.Options;

namespace AuthApi.Tokens;

/// <summary>
/// Refreshes a session's tokens at the provider. Callers holding the same refresh token share one
/// refresh grant, and for a minute afterwards they get its result again: a browser request that
/// still carries the pre-rotation cookie must not spend the dead refresh token and end the session.
/// With <c>Auth:Redis</c>, <see cref="RefreshLock"/> makes that hold across instances.
/// </summary>
internal sealed class TokenRefresher(
    ISessionStore sessions,
    RefreshLock refreshLock,
    ProviderMetadataCache discovery,
    ProviderClient providerClient,
    IdTokenValidator idTokens,
    IOptions<AuthOptions> options,
    TimeProvider time,
    AuthApiMetrics metrics,
    ILogger<TokenRefresher> logger)
{
    private static readonly TimeSpan ResultKeptFor = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, RefreshRun> _runs = new(StringComparer.Ordinal);

    /// <summary>The access token expires within <c>Auth:RefreshBefore</c> and a refresh token exists to renew it.</summary>
    public bool IsDue(SessionTokens tokens) =>
        tokens.RefreshToken is not null
        && tokens.AccessTokenExpiresAt is { } expiresAt
        && expiresAt - time.GetUtcNow() <= options.Value.RefreshBefore;

    /// <summary>
    /// Refreshes the request's session and answers with its cookies: rewritten after a refresh, deleted and the session
    /// ended when the provider refused the refresh token, or when the new tokens would take the session over the store's
    /// size limit (kept, the session would fail every later refresh the same way). A session gone meanwhile counts as failed.
    /// </summary>
    public async Task<RefreshOutcome> RefreshSessionAsync(HttpContext context, UserSession session, SessionTokens tokens, CancellationToken cancellationToken)
    {
        var outcome = await RefreshAsync(session, tokens, cancellationToken);
        if (outcome.Kind == RefreshOutcomeKind.Refreshed)
        {
            switch (await sessions.SaveTokensAsync(context, session, outcome.Tokens!, outcome.Fence))
            {
                case TokensWrite.SessionGone:
                    return RefreshOutcome.Failed;
                case TokensWrite.TooLarge:
                    logger.RefreshedSessionTooLarge(session.Provider, SizeLimitKey);
                    await sessions.EndAsync(context, session);
                    return RefreshOutcome.Rejected;
            }
        }
        else if (outcome.Kind == RefreshOutcomeKind.Rejected)
        {
            await sessions.EndAsync(context, session);
        }
        return outcome;
    }

    private string SizeLimitKey => options.Value.Session.Store == SessionStoreKind.Redis ? "Auth:Session:MaxStoredBytes" : "Auth:Session:MaxCookieBytes";

    private Task<RefreshOutcome> RefreshAsync(UserSession session, SessionTokens tokens, CancellationToken cancellationToken)
    {
        if (tokens.RefreshToken is not { } refreshToken)
        {
            return Task.FromResult(RefreshOutcome.NoRefreshToken);
        }
        var now = time.GetUtcNow();
        ForgetOldRuns(now);
        var tokenHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));
        var key = $"{session.Id}:{tokenHash}";
        var run = _runs.GetOrAdd(key, _ => new RefreshRun(now, new Lazy<Task<RefreshOutcome>>(() => RunAsync(key, tokenHash, session, tokens, refreshToken))));
        // The grant runs to its end for every waiter; only this caller's wait is cancelled.
        return run.Outcome.Value.WaitAsync(cancellationToken);
    }

    private async Task<RefreshOutcome> RunAsync(string key, string tokenHash, UserSession session, SessionTokens tokens, string refreshToken)
    {
        RefreshOutcome outcome;
        try
        {
            outcome = options.Value.UsesRedis
                ? RefreshOutcome.From(await refreshLock.RunAsync(session.Id, tokenHash, async fence => Share(await RefreshAtProviderAsync(session, tokens, refreshToken), fence)))
                : await RefreshAtProviderAsync(session, tokens, refreshToken);
        }
        catch
        {
            _runs.TryRemove(key, out _); // Redis was away: the next call tries again
            throw;
        }
        if (outcome.Kind == RefreshOutcomeKind.Failed)
        {
            _runs.TryRemove(key, out _); // a transient failure may be retried at once
        }
        return outcome;
    }

    private async Task<RefreshOutcome> RefreshAtProviderAsync(UserSession session, SessionTokens tokens, string refreshToken)
    {
        var metadata = await discovery.GetAsync(session.Provider);
        if (metadata is null || !options.Value.Providers.TryGetValue(session.Provider, out var provider))
        {
            return Failed(session, "the provider's metadata is unavailable");
        }

        var response = await providerClient.RefreshAsync(session.Provider, metadata, provider, refreshToken, CancellationToken.None);
        if (!TokenResponses.IsJsonObject(response) || response.IsError)
        {
            if (response.Json is { ValueKind: System.Text.Json.JsonValueKind.Object } && response.Error == "invalid_grant")
            {
                logger.RefreshRejected(session.Provider);
                metrics.TokenRefreshed(session.Provider, RefreshOutcomes.InvalidGrant);
                return RefreshOutcome.Rejected;
            }
            return Failed(session, TokenResponses.Failure(response));
        }
        if (!TokenResponses.HasString(response, "access_token"))
        {
            return Failed(session, "the response has no access_token");
        }

        // A new ID token must be valid and for the same user, but the session keeps the login's: it is the identity (claims
        // and id_token_hint, which RP-Initiated Logout §2 accepts after exp), stored once, so /me never reads the tokens.
        if (TokenResponses.HasString(response, "id_token"))
        {
            var validated = await idTokens.ValidateAsync(session.Provider, metadata, response.IdentityToken!, IdTokenExpectations.Refresh, CancellationToken.None);
            // OpenID Connect Core §12.2: the same iss and sub as the login's; a multi-tenant provider's sub is unique per tenant.
            if (!validated.IsValid || new UserKey(session.Provider, UserKey.IssuerOf(validated.Issuer), validated.Subject) != session.User)
            {
                return Failed(session, validated.Error ?? "the new ID token is for another user (iss or sub)");
            }
        }

        logger.Refreshed(session.Provider);
        metrics.TokenRefreshed(session.Provider, RefreshOutcomes.Refreshed);
        return RefreshOutcome.Refreshed(tokens with
        {
            AccessToken = response.AccessToken,
            // Providers that do not rotate answer without a refresh token: the current one stays valid.
            RefreshToken = TokenResponses.RefreshTokenOf(response) ?? refreshToken,
            AccessTokenExpiresAt = AccessTokenExpiry.Of(response, provider, time.GetUtcNow()),
            TokenType = string.IsNullOrEmpty(response.TokenType) ? tokens.TokenType : response.TokenType,
            Scope = string.IsNullOrEmpty(response.Scope) ? tokens.Scope : response.Scope,
        });
    }

    /// <summary>What other instances may reuse of a refresh: its tokens or the refusal; a failure is not shared.</summary>
    private static RefreshedTokens? Share(RefreshOutcome outcome, long fence) => outcome.Kind switch
    {
        RefreshOutcomeKind.Refreshed => new RefreshedTokens(outcome.Tokens, fence),
        RefreshOutcomeKind.Rejected => new RefreshedTokens(null, fence),
        _ => null,
    };

    private RefreshOutcome Failed(UserSession session, string reason)
    {
        logger.RefreshFailed(session.Provider, reason);
        metrics.TokenRefreshed(session.Provider, RefreshOutcomes.Failed);
        return RefreshOutcome.Failed;
    }

    private void ForgetOldRuns(DateTimeOffset now)
    {
        foreach (var (key, run) in _runs)
        {
            if (now - run.StartedAt > ResultKeptFor)
            {
                _runs.TryRemove(key, out _);
            }
        }
    }

    private sealed record RefreshRun(DateTimeOffset StartedAt, Lazy<Task<RefreshOutcome>> Outcome);
}
