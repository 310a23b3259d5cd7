using Microsoft.Extensions.Caching.Memory;

namespace AuthApi.Sessions;

/// <summary>
/// What this instance recently read from Redis about a session, so <c>/me</c> costs no round trip per call. An entry lives
/// <see cref="Lifetime"/> at most and is dropped at once when any instance ends its session (<see cref="SessionEndedChannel"/>);
/// the lifetime bounds how long a lost message could keep an ended session alive here.
/// </summary>
internal sealed class SessionReadCache : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 10_000;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public T? Get<T>(string sessionId) where T : class => _entries.Get(sessionId) as T;

    public void Set<T>(string sessionId, T value) where T : class =>
        _entries.Set(sessionId, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });

    public void Remove(string sessionId) => _entries.Remove(sessionId);

    /// <summary>Forgets everything: after a lost connection, messages about ended sessions may have been missed.</summary>
    public void Clear() => _entries.Clear();

    public void Dispose() => _entries.Dispose();
}
