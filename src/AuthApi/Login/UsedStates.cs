using System.Collections.Concurrent;

namespace AuthApi.Login;

/// <summary>
/// Remembers the states of finished callbacks until their login would have expired, so a replayed
/// callback (even with its correlation cookie) creates nothing.
/// </summary>
internal sealed class UsedStates(TimeProvider time)
{
    private const int SweepEvery = 1024;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);
    private int _added;

    /// <summary>True the first time a state is used; false for every replay.</summary>
    public bool TryUse(string state, DateTimeOffset forgetAfter)
    {
        if (!_used.TryAdd(state, forgetAfter))
        {
            return false;
        }
        if (Interlocked.Increment(ref _added) % SweepEvery == 0)
        {
            Sweep();
        }
        return true;
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (state, forgetAfter) in _used)
        {
            if (forgetAfter <= now)
            {
                _used.TryRemove(state, out _);
            }
        }
    }
}
