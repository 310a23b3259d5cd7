using AuthApi.Sessions;
using AuthApi.Tokens;

namespace AuthApi.User;

/// <summary>What the token endpoints need.</summary>
internal sealed class TokenServices(ISessionStore sessions, TokenRefresher refresher, TokenExposure exposure)
{
    public ISessionStore Sessions { get; } = sessions;
    public TokenRefresher Refresher { get; } = refresher;
    public TokenExposure Exposure { get; } = exposure;
}
