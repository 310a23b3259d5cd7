using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;

namespace AuthApi.Sessions;

/// <summary>
/// Session cookies already decrypted by this instance, so <c>/me</c> does not pay Data Protection's unprotect on every call.
/// Keyed by the SHA-256 of the cookie's value and its purpose (never the value itself: a heap dump of the cache holds no
/// usable cookie); only values that decrypted are kept, so tampered ones miss and fail as before. Bounded in bytes, each
/// entry kept no longer than its session (the caller says until when) nor <see cref="MaxLifetime"/>. Callers still check
/// expiry, the idle window and the ended list on every read: the cache only skips the decryption.
/// </summary>
internal sealed class SessionCookieCache(TimeProvider time) : IDisposable
{
    /// <summary>Longest an entry lives: bounds how long a revoked Data Protection key keeps reading here.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Cookie characters cached at most: some 20,000 single-chunk sessions, whose decrypted form takes a few times that.</summary>
    private const long MaxCharacters = 16L * 1024 * 1024;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxCharacters, Clock = new TimeProviderClock(time) });

    public T? Get<T>(ReadOnlySpan<char> protectedValue, string purpose) where T : class =>
        _entries.Get(new CookieDigest(purpose, protectedValue)) as T;

    public void Set<T>(string protectedValue, string purpose, T value, DateTimeOffset keepUntil) where T : class
    {
        var expires = time.GetUtcNow() + MaxLifetime;
        _entries.Set(new CookieDigest(purpose, protectedValue), value, new MemoryCacheEntryOptions
        {
            Size = protectedValue.Length,
            AbsoluteExpiration = keepUntil < expires ? keepUntil : expires,
        });
    }

    public void Dispose() => _entries.Dispose();

    /// <summary>A cookie kind and the SHA-256 of its value as four numbers: a key compared without allocating a string.</summary>
    private readonly record struct CookieDigest(string Purpose, ulong A, ulong B, ulong C, ulong D)
    {
        public CookieDigest(string purpose, ReadOnlySpan<char> value)
            : this(purpose, Digest(value))
        {
        }

        private CookieDigest(string purpose, (ulong A, ulong B, ulong C, ulong D) hash)
            : this(purpose, hash.A, hash.B, hash.C, hash.D)
        {
        }

        /// <summary>Hashes the characters where they lie: a cookie value is ASCII, so its UTF-16 bytes identify it as well.</summary>
        private static (ulong, ulong, ulong, ulong) Digest(ReadOnlySpan<char> value)
        {
            Span<ulong> hash = stackalloc ulong[SHA256.HashSizeInBytes / sizeof(ulong)];
            SHA256.HashData(MemoryMarshal.AsBytes(value), MemoryMarshal.AsBytes(hash));
            return (hash[0], hash[1], hash[2], hash[3]);
        }
    }

    /// <summary>The cache's clock from <see cref="TimeProvider"/>, so tests moving time expire entries too.</summary>
    private sealed class TimeProviderClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
