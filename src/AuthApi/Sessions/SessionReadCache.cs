using Microsoft.Extensions.Caching.Memory;

namespace AuthApi.Sessions;

/// <summary>
/// What this instance recently read from Redis about a session, so <c>/me</c> costs no round trip per call. An entry lives
/// <see cref="Lifetime"/> at most and is dropped at once when any instance ends its session (<see cref="SessionEndedChannel"/>);
/// the lifetime bounds how long a lost message could keep an ended session alive here. While those messages cannot arrive
/// (the subscription's connection failed) the cache is off: nothing is served from it, nothing is kept.
/// </summary>
internal sealed class SessionReadCache : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 10_000;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });
    private volatile bool _on = true;

    public T? Get<T>(string sessionId) where T : class => _on ? _entries.Get(sessionId) as T : null;

    public void Set<T>(string sessionId, T value) where T : class
    {
        if (_on)
        {
            _entries.Set(sessionId, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        }
    }

    public void Remove(string sessionId) => _entries.Remove(sessionId);

    /// <summary>Forgets everything: after a lost connection, messages about ended sessions may have been missed.</summary>
    public void Clear() => _entries.Clear();

    /// <summary>Forgets everything and keeps nothing until <see cref="TurnOn"/>: endings cannot reach this instance meanwhile.</summary>
    public void TurnOff()
    {
        _on = false;
        _entries.Clear();
    }

    /// <summary>Endings reach this instance again; what was kept before they stopped is forgotten (cleared once more here).</summary>
    public void TurnOn()
    {
        _entries.Clear();
        _on = true;
    }

    public void Dispose() => _entries.Dispose();
}
