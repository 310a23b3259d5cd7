namespace AuthApi.Sessions;

/// <summary>A finished refresh as <see cref="RefreshLock"/> shares it: the new tokens, or null when the provider refused the refresh token.</summary>
/// <param name="Fence">The lock value the refresh ran under.</param>
internal sealed record RefreshedTokens(SessionTokens? Tokens, long Fence)
{
    public bool IsRejected => Tokens is null;
}
