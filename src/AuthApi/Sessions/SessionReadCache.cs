using Microsoft.Extensions.Caching.Memory;

namespace AuthApi.Sessions;

/// <summary>
/// What this instance recently read from Redis about a session, so <c>/me</c> costs no round trip per call. An entry lives
/// <see cref="Lifetime"/> at most and is dropped at once when any instance ends its session (<see cref="SessionEndedChannel"/>);
/// the lifetime bounds how long a lost message could keep an ended session alive here. While those messages cannot arrive
/// (the subscription's connection failed) the cache is off: nothing is served from it, nothing is kept. Bounded by an estimate
/// of the memory its entries take, so sessions near <c>Auth:Session:MaxStoredBytes</c> cannot fill the memory of an instance.
/// </summary>
internal sealed class SessionReadCache : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    /// <summary>Estimated bytes all entries may take: some 10,000 ordinary sessions, or 250 of 64 KB; a full cache keeps no more until entries expire.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>What an entry costs besides what it holds: the cache's entry, its key, the record around the value.</summary>
    private const long EntryBytes = 512;

    /// <summary>
    /// Memory per byte of a session's stored identity once read: its JSON as UTF-16 strings, and the claims parsed from it
    /// (UTF-8 copies and their token tables) when <c>/me</c> has shown them.
    /// </summary>
    private const long BytesPerStoredByte = 4;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxBytes });
    private volatile bool _on = true;

    public T? Get<T>(string sessionId) where T : class => _on ? _entries.Get(sessionId) as T : null;

    /// <param name="storedBytes">The size of what <paramref name="value"/> was read from (a session's stored identity); 0 for a mere answer.</param>
    public void Set<T>(string sessionId, T value, long storedBytes = 0) where T : class
    {
        if (_on)
        {
            _entries.Set(sessionId, value, new MemoryCacheEntryOptions { Size = SizeOf(storedBytes), AbsoluteExpirationRelativeToNow = Lifetime });
        }
    }

    /// <summary>The estimated memory of an entry read from <paramref name="storedBytes"/>.</summary>
    public static long SizeOf(long storedBytes) => EntryBytes + (storedBytes * BytesPerStoredByte);

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
