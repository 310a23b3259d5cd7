using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AuthApi.Options;
using AuthApi.Redis;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AuthApi.Sessions;

/// <summary>
/// The one cookie service: values encrypted and authenticated with Data Protection (a purpose per
/// cookie kind), split into chunks by ASP.NET Core's <see cref="ChunkingCookieManager"/> when over the
/// browser limit, and named with the <c>__Host-</c> prefix whenever <c>Auth:RedirectUri</c> is https.
/// Anything missing, tampered or oversized reads as no cookie.
/// </summary>
internal sealed class CookieJar(IDataProtectionProvider dataProtection, SessionCookieCache cache, IOptions<AuthOptions> options)
{
    private const string ChunkCountPrefix = "chunks-";
    private const string ChunkSuffix = "C";

    private readonly ChunkingCookieManager _chunking = new() { ThrowForPartialCookies = false };

    /// <summary>Most chunks one cookie of a session within <c>MaxCookieBytes</c> can have; a larger count is forged.</summary>
    private int MaxChunks => options.Value.Session.MaxCookieBytes / 3000 + 1;

    /// <summary>
    /// The cookie's name: <c>__Host-</c> prefixed when the service is reached over https, as its redirect URI says.
    /// Configuration decides, not the request: behind a TLS-terminating proxy every request arrives over http.
    /// </summary>
    public string NameFor(string baseName) => NamePrefix + baseName;

    private string NamePrefix => options.Value.UsesHttps ? SessionCookieNames.HostPrefix : "";

    /// <summary>
    /// JSON options for what cookies carry: nulls left out, and no HTML escaping, which a cookie never needs and which grows
    /// a backtick or '&lt;' to six bytes (a return URL full of them would otherwise bloat the login cookie). New options for
    /// each source-generated context, which binds them.
    /// </summary>
    public static JsonSerializerOptions PayloadJsonOptions() => new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Encrypts a value for a cookie; the result's length is what the cookie will cost. <paramref name="compress"/> runs the
    /// JSON through Brotli first (read it back with the same flag): for an identity, whose claims (group IDs above all) shrink
    /// to about half; not for tokens, random text that gains little.
    /// </summary>
    public string Protect<T>(T value, string purpose, JsonTypeInfo<T> typeInfo, bool compress = false)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        return WebEncoders.Base64UrlEncode(dataProtection.CreateProtector(purpose).Protect(compress ? Compress(json) : json));
    }

    public T? Read<T>(HttpContext context, string baseName, string purpose, JsonTypeInfo<T> typeInfo) where T : class =>
        ReadValue(context, baseName) is { } raw ? Unprotect(raw, purpose, typeInfo, compressed: false) : null;

    /// <summary>
    /// Reads a session cookie through <see cref="SessionCookieCache"/>: a value this instance has decrypted before costs a
    /// hash instead of an unprotect. <paramref name="keepUntil"/> says how long the decrypted value may be kept.
    /// </summary>
    public T? ReadCached<T>(HttpContext context, string baseName, string purpose, JsonTypeInfo<T> typeInfo, Func<T, DateTimeOffset> keepUntil, bool compressed = false)
        where T : class
    {
        var lookup = CookieHeader.Find(context.Request.Headers.Cookie, NameFor(baseName), out var plain);
        var lookedUp = lookup == CookieHeader.Lookup.Single;
        if (lookedUp && cache.Get<T>(plain, purpose) is { } hit)
        {
            return hit;
        }
        if (ReadValue(context, baseName) is not { } raw)
        {
            return null;
        }
        // A chunked value (the header held only its chunk count) or one the first look left to the framework is looked up whole.
        if ((!lookedUp || !plain.SequenceEqual(raw)) && cache.Get<T>(raw, purpose) is { } cached)
        {
            return cached;
        }
        var value = Unprotect(raw, purpose, typeInfo, compressed);
        if (value is not null)
        {
            cache.Set(raw, purpose, value, keepUntil(value));
        }
        return value;
    }

    /// <summary>The cookie's protected value, its chunks joined; null when missing, empty or with a chunk missing.</summary>
    private string? ReadValue(HttpContext context, string baseName)
    {
        var name = NameFor(baseName);
        if (IsAmbiguous(context, name))
        {
            return null;
        }
        var raw = context.Request.Cookies[name];
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }
        if (raw.StartsWith(ChunkCountPrefix, StringComparison.Ordinal))
        {
            return AllChunksPresent(context, name, raw) ? _chunking.GetRequestCookie(context, name) : null;
        }
        return raw;
    }

    /// <summary>Writes a protected value, replacing every chunk a previous value of that cookie had.</summary>
    public void Write(HttpContext context, string baseName, string protectedValue, DateTimeOffset expires)
    {
        var name = NameFor(baseName);
        if (context.Request.Cookies.ContainsKey(name))
        {
            // Set-Cookie headers apply in order: chunks the new value lacks stay deleted.
            Delete(context, baseName);
        }
        _chunking.AppendResponseCookie(context, name, protectedValue, CookieOptions(expires));
    }

    /// <summary>
    /// Writes a protected value as exactly one cookie; false (and nothing written) when the cookie with its
    /// name and attributes would pass what a browser keeps of one cookie and so need chunks.
    /// </summary>
    /// <param name="crossSite">
    /// <c>SameSite=None; Secure</c> instead of <c>Lax</c>, for a cookie a cross-site POST must carry; Secure even over http,
    /// which browsers accept on loopback only (the configuration allows no other http host for it).
    /// </param>
    public bool TryWriteSingle(HttpContext context, string baseName, string protectedValue, DateTimeOffset expires, bool crossSite = false)
    {
        var name = NameFor(baseName);
        var cookieOptions = CookieOptions(expires, crossSite);
        if (cookieOptions.CreateCookieHeader(name, protectedValue).ToString().Length > ChunkingCookieManager.DefaultChunkSize)
        {
            return false;
        }
        context.Response.Cookies.Append(name, protectedValue, cookieOptions);
        return true;
    }

    /// <summary>Deletes the cookie and all its chunks, if the request has it.</summary>
    /// <param name="crossSite">The cookie was written with <c>crossSite</c> (see <see cref="TryWriteSingle"/>).</param>
    public void Delete(HttpContext context, string baseName, bool crossSite = false)
    {
        var name = NameFor(baseName);
        var raw = context.Request.Cookies[name];
        if (raw is null)
        {
            return;
        }
        var deletion = CookieOptions(DateTimeOffset.UnixEpoch, crossSite);
        if (ChunkCount(raw) <= MaxChunks)
        {
            _chunking.DeleteCookie(context, name, deletion);
            return;
        }
        // A forged chunk count: delete what this service could have written, never loop to the count.
        context.Response.Cookies.Delete(name, deletion);
        for (var chunk = 1; chunk <= MaxChunks; chunk++)
        {
            context.Response.Cookies.Delete(ChunkName(name, chunk), deletion);
        }
    }

    /// <summary>Base names of the request's cookies that start with the prefix (e.g. pending logins).</summary>
    public IReadOnlyList<string> BaseNamesStartingWith(HttpContext context, string basePrefix)
    {
        var hostPrefixLength = NameFor("").Length;
        var prefix = NameFor(basePrefix);
        return [.. context.Request.Cookies.Keys
            .Where(key => key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(key => key[hostPrefixLength..])];
    }

    /// <summary>The name is sent twice or beside a look-alike, so the framework's collection might hand out a planted value.</summary>
    private static bool IsAmbiguous(HttpContext context, string name) =>
        CookieHeader.Find(context.Request.Headers.Cookie, name, out _) == CookieHeader.Lookup.Ambiguous;

    private bool AllChunksPresent(HttpContext context, string name, string header)
    {
        var count = ChunkCount(header);
        if (count < 1 || count > MaxChunks)
        {
            return false;
        }
        for (var chunk = 1; chunk <= count; chunk++)
        {
            if (IsAmbiguous(context, ChunkName(name, chunk)) || string.IsNullOrEmpty(context.Request.Cookies[ChunkName(name, chunk)]))
            {
                return false;
            }
        }
        return true;
    }

    private T? Unprotect<T>(string raw, string purpose, JsonTypeInfo<T> typeInfo, bool compressed) where T : class
    {
        try
        {
            var bytes = dataProtection.CreateProtector(purpose).Unprotect(WebEncoders.Base64UrlDecode(raw));
            return JsonSerializer.Deserialize(compressed ? Decompress(bytes) : bytes, typeInfo);
        }
        // Data Protection wraps a key ring that Redis could not deliver in a CryptographicException: an outage (503), not a bad cookie.
        catch (Exception ex) when ((ex is CryptographicException or FormatException or JsonException or InvalidDataException) && !RedisFailure.Is(ex))
        {
            return null;
        }
    }

    /// <summary>Brotli at quality 9: within a few percent of the smallest output for a cookie's few kilobytes, at a fraction of 11's cost.</summary>
    private static byte[] Compress(byte[] json)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(json.Length)];
        if (!BrotliEncoder.TryCompress(json, buffer, out var written, quality: 9, window: 22))
        {
            throw new InvalidOperationException("Brotli could not compress a cookie payload into its maximum length.");
        }
        return buffer[..written];
    }

    private static byte[] Decompress(byte[] compressed)
    {
        using var brotli = new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var json = new MemoryStream(compressed.Length * 4);
        brotli.CopyTo(json);
        return json.ToArray();
    }

    /// <summary>The chunk count of a <c>chunks-N</c> header, 0 for a plain value, int.MaxValue when unreadable.</summary>
    private static int ChunkCount(string raw)
    {
        if (!raw.StartsWith(ChunkCountPrefix, StringComparison.Ordinal))
        {
            return 0;
        }
        return int.TryParse(raw.AsSpan(ChunkCountPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : int.MaxValue;
    }

    private static string ChunkName(string name, int chunk) =>
        string.Concat(name, ChunkSuffix, chunk.ToString(CultureInfo.InvariantCulture));

    private CookieOptions CookieOptions(DateTimeOffset expires, bool crossSite = false) => new()
    {
        HttpOnly = true,
        Secure = crossSite || options.Value.UsesHttps,
        SameSite = crossSite ? SameSiteMode.None : SameSiteMode.Lax,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}
