using AuthApi.Sessions;

namespace AuthApi.User;

/// <summary>What the token endpoints need.</summary>
internal sealed class TokenServices(SessionCookies sessions, TokenRefresher refresher, TokenExposure exposure)
{
    public SessionCookies Sessions { get; } = sessions;
    public TokenRefresher Refresher { get; } = refresher;
    public TokenExposure Exposure { get; } = exposure;
}
