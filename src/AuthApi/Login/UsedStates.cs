using AuthApi.Sessions;

namespace AuthApi.Login;

/// <summary>
/// Remembers the states of finished callbacks until their login would have expired, so a replayed
/// callback (even with its correlation cookie) creates nothing.
/// </summary>
internal sealed class UsedStates(TimeProvider time)
{
    private readonly ExpiringSet _used = new(time);

    /// <summary>True the first time a state is used; false for every replay.</summary>
    public bool TryUse(string state, DateTimeOffset forgetAfter) => _used.TryAdd(state, forgetAfter);
}
