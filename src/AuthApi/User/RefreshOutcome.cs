using AuthApi.Sessions;

namespace AuthApi.User;

/// <summary>How a refresh ended: new tokens, nothing to refresh with, refused by the provider (the session ends), or failed for now.</summary>
internal enum RefreshOutcomeKind
{
    Refreshed,
    NoRefreshToken,
    Rejected,
    Failed,
}

/// <summary>What a refresh came to; <see cref="Tokens"/> is set when it succeeded.</summary>
internal sealed record RefreshOutcome(RefreshOutcomeKind Kind, SessionTokens? Tokens = null)
{
    public static readonly RefreshOutcome NoRefreshToken = new(RefreshOutcomeKind.NoRefreshToken);
    public static readonly RefreshOutcome Rejected = new(RefreshOutcomeKind.Rejected);
    public static readonly RefreshOutcome Failed = new(RefreshOutcomeKind.Failed);

    public static RefreshOutcome Refreshed(SessionTokens tokens) => new(RefreshOutcomeKind.Refreshed, tokens);
}
