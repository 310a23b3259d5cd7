using System.Buffers;
using System.Security.Cryptography;
using System.Text;
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

    /// <summary>Cookie bytes cached at most: about 32,000 single-chunk sessions.</summary>
    private const long MaxBytes = 64L * 1024 * 1024;

    private const int StackHashLimit = 1024;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxBytes, Clock = new TimeProviderClock(time) });

    public T? Get<T>(string protectedValue, string purpose) where T : class =>
        _entries.Get(KeyOf(protectedValue, purpose)) as T;

    public void Set<T>(string protectedValue, string purpose, T value, DateTimeOffset keepUntil) where T : class
    {
        var expires = time.GetUtcNow() + MaxLifetime;
        _entries.Set(KeyOf(protectedValue, purpose), value, new MemoryCacheEntryOptions
        {
            Size = protectedValue.Length,
            AbsoluteExpiration = keepUntil < expires ? keepUntil : expires,
        });
    }

    public void Dispose() => _entries.Dispose();

    private static CookieDigest KeyOf(string protectedValue, string purpose)
    {
        var length = Encoding.UTF8.GetMaxByteCount(protectedValue.Length + purpose.Length + 1);
        var rented = length > StackHashLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> buffer = rented is not null ? rented : stackalloc byte[StackHashLimit];
            // The purpose first, then a separator no base64url value contains: two kinds of cookie never share a key.
            var written = Encoding.UTF8.GetBytes(purpose, buffer);
            buffer[written++] = (byte)'|';
            written += Encoding.UTF8.GetBytes(protectedValue, buffer[written..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..written], hash);
            return CookieDigest.From(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>A SHA-256 as four numbers: a key compared without allocating a string.</summary>
    private readonly record struct CookieDigest(ulong A, ulong B, ulong C, ulong D)
    {
        public static CookieDigest From(ReadOnlySpan<byte> hash) => new(
            BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]), BitConverter.ToUInt64(hash[16..]), BitConverter.ToUInt64(hash[24..]));
    }

    /// <summary>The cache's clock from <see cref="TimeProvider"/>, so tests moving time expire entries too.</summary>
    private sealed class TimeProviderClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
