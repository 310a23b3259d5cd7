namespace AuthApi.Telemetry;

/// <summary>The <c>outcome</c> tag of <c>authapi.token.refreshes</c>.</summary>
internal static class RefreshOutcomes
{
    /// <summary>The provider issued new tokens.</summary>
    public const string Refreshed = "refreshed";

    /// <summary>The provider refused the refresh token, and the session ended.</summary>
    public const string InvalidGrant = "invalid_grant";

    /// <summary>No new tokens for now (provider unreachable, an error answer, an invalid ID token); the session is kept.</summary>
    public const string Failed = "failed";
}
