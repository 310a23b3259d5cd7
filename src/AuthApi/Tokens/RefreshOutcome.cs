using AuthApi.Sessions;

namespace AuthApi.Tokens;

/// <summary>
/// How a refresh ended: new tokens, nothing to refresh with, refused by the provider or too large to store (the session ends),
/// or failed for now.
/// </summary>
internal enum RefreshOutcomeKind
{
    Refreshed,
    NoRefreshToken,
    Rejected,
    Failed,
}

/// <summary>What a refresh came to; <see cref="Tokens"/> is set when it succeeded, with the refresh lock's <see cref="Fence"/> (0 in one instance).</summary>
internal sealed record RefreshOutcome(RefreshOutcomeKind Kind, SessionTokens? Tokens = null, long Fence = 0)
{
    public static readonly RefreshOutcome NoRefreshToken = new(RefreshOutcomeKind.NoRefreshToken);
    public static readonly RefreshOutcome Rejected = new(RefreshOutcomeKind.Rejected);
    public static readonly RefreshOutcome Failed = new(RefreshOutcomeKind.Failed);

    public static RefreshOutcome Refreshed(SessionTokens tokens, long fence = 0) => new(RefreshOutcomeKind.Refreshed, tokens, fence);

    /// <summary>The outcome of a refresh another caller shared through <see cref="RefreshLock"/>; null is a failure.</summary>
    public static RefreshOutcome From(RefreshedTokens? shared) => shared switch
    {
        null => Failed,
        { IsRejected: true } => Rejected,
        _ => Refreshed(shared.Tokens!, shared.Fence),
    };
}
