using System.Collections.Concurrent;

namespace AuthApi.Sessions;

/// <summary>
/// Strings remembered each until its own expiry: O(1) to add and look up, and bounded by what has not expired,
/// since every <see cref="SweepEvery"/>th addition sweeps out the expired ones.
/// </summary>
internal sealed class ExpiringSet(TimeProvider time)
{
    private const int SweepEvery = 1024;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _entries = new(StringComparer.Ordinal);
    private int _added;

    /// <summary>Adds the value until <paramref name="expiresAt"/>; false when it is already there.</summary>
    public bool TryAdd(string value, DateTimeOffset expiresAt)
    {
        if (!_entries.TryAdd(value, expiresAt))
        {
            return false;
        }
        if (Interlocked.Increment(ref _added) % SweepEvery == 0)
        {
            Sweep();
        }
        return true;
    }

    /// <summary>Entries held, expired ones not yet swept included.</summary>
    public int Count => _entries.Count;

    public bool Contains(string value) => _entries.TryGetValue(value, out var expiresAt) && expiresAt > time.GetUtcNow();

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (value, expiresAt) in _entries)
        {
            if (expiresAt <= now)
            {
                _entries.TryRemove(value, out _);
            }
        }
    }
}
