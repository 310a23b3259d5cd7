using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace AuthApi.Sessions;

/// <summary>
/// Session cookies already decrypted by this instance, so <c>/me</c>, <c>/me/tokens</c> and the API proxy do not pay Data
/// Protection's unprotect on every call.
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

    /// <summary>The value decrypted earlier from this very cookie value and purpose, or null.</summary>
    public T? Get<T>(ReadOnlySpan<char> protectedValue, string purpose) where T : class =>
        CookieDigest.TryCreate(purpose, protectedValue, out var key) ? _entries.Get(key) as T : null;

    public void Set<T>(string protectedValue, string purpose, T value, DateTimeOffset keepUntil) where T : class
    {
        if (!CookieDigest.TryCreate(purpose, protectedValue, out var key))
        {
            return;
        }
        var expires = time.GetUtcNow() + MaxLifetime;
        _entries.Set(key, value, new MemoryCacheEntryOptions
        {
            Size = protectedValue.Length,
            AbsoluteExpiration = keepUntil < expires ? keepUntil : expires,
        });
    }

    public void Dispose() => _entries.Dispose();

    /// <summary>A cookie kind and the SHA-256 of its value as four numbers: a key compared without allocating a string.</summary>
    private readonly record struct CookieDigest(string Purpose, ulong A, ulong B, ulong C, ulong D)
    {
        private const int StackLimit = 4096;

        /// <summary>
        /// The key of an ASCII value (every value this service writes is base64url), hashed as its ASCII bytes: half the bytes of
        /// its UTF-16 form. False for anything else, which never decrypted and so is never cached.
        /// </summary>
        public static bool TryCreate(string purpose, ReadOnlySpan<char> value, out CookieDigest key)
        {
            key = default;
            var rented = value.Length > StackLimit ? ArrayPool<byte>.Shared.Rent(value.Length) : null;
            try
            {
                var ascii = rented is not null ? rented.AsSpan(0, value.Length) : stackalloc byte[value.Length];
                if (Ascii.FromUtf16(value, ascii, out _) != OperationStatus.Done)
                {
                    return false;
                }
                Span<ulong> hash = stackalloc ulong[SHA256.HashSizeInBytes / sizeof(ulong)];
                SHA256.HashData(ascii, MemoryMarshal.AsBytes(hash));
                key = new CookieDigest(purpose, hash[0], hash[1], hash[2], hash[3]);
                return true;
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }
    }

    /// <summary>The cache's clock from <see cref="TimeProvider"/>, so tests moving time expire entries too.</summary>
    private sealed class TimeProviderClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
