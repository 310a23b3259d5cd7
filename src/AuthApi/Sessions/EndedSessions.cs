namespace AuthApi.Sessions;

/// <summary>
/// IDs of sessions ended by a logout or a refused refresh, each remembered until the session would have expired
/// anyway: a copy of the cookies taken before the logout must read as anonymous afterwards.
/// </summary>
internal sealed class EndedSessions(TimeProvider time)
{
    private readonly ExpiringSet _ended = new(time);

    public void End(UserSession session) => _ended.TryAdd(session.Id, session.ExpiresAt);

    public bool IsEnded(UserSession session) => _ended.Contains(session.Id);
}
