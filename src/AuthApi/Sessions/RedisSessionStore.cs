using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AuthApi.Contracts;
using AuthApi.Options;
using AuthApi.Redis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AuthApi.Sessions;

/// <summary>
/// Sessions kept in Redis (<c>Auth:Session:Store=Redis</c>): a hash per session holding its identity and tokens, encrypted with
/// Data Protection, that expires with the session; the browser holds only the session's ID, sealed in one small cookie. Reads
/// are cached a few seconds per instance (<see cref="SessionReadCache"/>) and dropped everywhere when the session ends.
/// </summary>
internal sealed class RedisSessionStore(
    CookieJar jar,
    RedisConnection redis,
    SessionReadCache cache,
    SessionEndedChannel endedChannel,
    SessionIndex index,
    ActiveSessionIndex activeSessions,
    IDataProtectionProvider dataProtection,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<RedisSessionStore> logger) : ISessionStore
{
    private const string HandlePurpose = "AuthApi.Session.Handle.v1";
    // v2: the ID token moved from the tokens into the identity; v1 sessions fail to unprotect and read as no session.
    private const string IdentityPurpose = "AuthApi.Session.Stored.Identity.v2";
    private const string TokensPurpose = "AuthApi.Session.Stored.Tokens.v2";
    private const int MaxUserAgentLength = 256;

    /// <summary>How stale <c>lastSeenAt</c> may be: activity is written at most once a minute per session.</summary>
    private static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(1);

    // The hash's fields; the Lua scripts below name the ones they write ('identity', 'lastSeenAt', 'tokens', 'tokensFence').
    private static readonly RedisValue IdentityField = "identity";
    private static readonly RedisValue TokensField = "tokens";
    private static readonly RedisValue CreatedAtField = "createdAt";
    private static readonly RedisValue LastSeenAtField = "lastSeenAt";
    private static readonly RedisValue UserAgentField = "userAgent";

    // Writes the identity and last activity of a session that still exists (never brings an ended one back) and sets its expiry.
    private static readonly LuaScript Touch = LuaScript.Prepare("""
        if redis.call('exists', @key) == 0 then return 0 end
        redis.call('hset', @key, 'identity', @identity, 'lastSeenAt', @lastSeenAt)
        redis.call('pexpire', @key, @expiresInMs)
        return 1
        """);

    // Writes refreshed tokens unless tokens of a later refresh (a higher fence) are already there, or they would take the
    // session over Auth:Session:MaxStoredBytes (2).
    private static readonly LuaScript WriteTokens = LuaScript.Prepare("""
        if redis.call('exists', @key) == 0 then return 0 end
        if tonumber(redis.call('hget', @key, 'tokensFence') or '0') >= tonumber(@fence) then return 1 end
        if redis.call('hstrlen', @key, 'identity') + string.len(@tokens) > tonumber(@maxBytes) then return 2 end
        redis.call('hset', @key, 'tokens', @tokens, 'tokensFence', @fence)
        return 1
        """);

    public async ValueTask<UserSession?> ReadAsync(HttpContext context, bool activity)
    {
        // A handle never changes; what it points to is read (and checked) in Redis.
        var handle = jar.ReadCached(context, SessionCookieNames.Identity, HandlePurpose, SessionCookieJson.Compact.SessionHandle, static _ => DateTimeOffset.MaxValue);
        var now = time.GetUtcNow();
        var read = handle is null ? null : cache.Get<CachedSession>(handle.Id) ?? await FetchAsync(handle.Id);
        if (read is null || read.Session.IsExpired(now))
        {
            DeleteCookies(context);
            return null;
        }
        if (!activity)
        {
            return read.Session;
        }
        var slid = IdleWindow.Slide(read.Session, options.Value.Session, now);
        if (slid is null && now - read.LastSeenAt < LastSeenPrecision)
        {
            return read.Session;
        }
        var session = slid ?? read.Session;
        if (!await TouchAsync(session, now))
        {
            DeleteCookies(context);
            return null;
        }
        cache.Set(session.Id, read with { Session = session, LastSeenAt = now }, read.IdentityBytes);
        activeSessions.Slide(session.Id, EndOf(session));
        return session;
    }

    public async ValueTask<SessionTokens?> ReadTokensAsync(HttpContext context, UserSession session) => await ReadStoredTokensAsync(session);

    public async ValueTask<SessionWrite> CreateAsync(HttpContext context, NewSession newSession)
    {
        var (session, tokens, providerSid) = newSession;
        var now = time.GetUtcNow();
        var key = RedisKeys.Session(session.Id);
        var userAgent = context.Request.Headers.UserAgent.ToString();
        var identity = Protect(session, IdentityPurpose, SessionCookieJson.Compact.UserSession);
        var storedTokens = Protect(tokens, TokensPurpose, SessionCookieJson.Compact.SessionTokens);
        if (identity.Length + storedTokens.Length > options.Value.Session.MaxStoredBytes)
        {
            return new SessionWrite(false, 0, identity.Length + storedTokens.Length);
        }
        await EndLeastRecentlySeenAsync(session);
        // The lists first: a crash before the session is written leaves entries readers drop, never a session no list has.
        await Task.WhenAll(
            index.AddAsync(session.User.SessionsKey, session.Id),
            string.IsNullOrEmpty(providerSid) ? Task.CompletedTask : index.AddAsync(RedisKeys.ProviderSessions(session.Provider, session.Issuer, providerSid), session.Id));
        var write = redis.Database.CreateTransaction();
        _ = write.HashSetAsync(key,
        [
            new(IdentityField, identity),
            new(TokensField, storedTokens),
            new(CreatedAtField, session.IssuedAt.ToUnixTimeMilliseconds()),
            new(LastSeenAtField, now.ToUnixTimeMilliseconds()),
            new(UserAgentField, userAgent.Length > MaxUserAgentLength ? userAgent[..MaxUserAgentLength] : userAgent),
        ]);
        _ = write.KeyExpireAsync(key, RedisExpiry.Until(EndOf(session), time));
        await Task.WhenAll(write.ExecuteAsync(), activeSessions.AddAsync(session.Id, EndOf(session)));

        var handle = jar.Protect(new SessionHandle(session.Id), HandlePurpose, SessionCookieJson.Compact.SessionHandle);
        jar.Write(context, SessionCookieNames.Identity, handle, session.ExpiresAt);
        jar.Delete(context, SessionCookieNames.Tokens); // left over from the cookie store
        return new SessionWrite(true, handle.Length);
    }

    public async ValueTask<TokensWrite> SaveTokensAsync(HttpContext context, UserSession session, SessionTokens tokens, long fence)
    {
        var written = await WriteTokens.EvaluateAsync(redis.Database, new
        {
            key = RedisKeys.Session(session.Id),
            tokens = Protect(tokens, TokensPurpose, SessionCookieJson.Compact.SessionTokens),
            fence = fence.ToString(CultureInfo.InvariantCulture),
            maxBytes = options.Value.Session.MaxStoredBytes,
        });
        return (long)written switch
        {
            1 => TokensWrite.Written,
            2 => TokensWrite.TooLarge,
            _ => TokensWrite.SessionGone,
        };
    }

    public async ValueTask EndAsync(HttpContext context, UserSession session)
    {
        await EndStoredAsync(session);
        DeleteCookies(context);
    }

    public void DeleteCookies(HttpContext context)
    {
        jar.Delete(context, SessionCookieNames.Identity);
        jar.Delete(context, SessionCookieNames.Tokens);
    }

    /// <summary>The user's sessions, most recently seen first.</summary>
    public async Task<List<ActiveSession>> ListAsync(UserSession current)
    {
        var sessions = await index.ReadAsync(current.User.SessionsKey, async id =>
        {
            var fields = await redis.Database.HashGetAsync(RedisKeys.Session(id), [CreatedAtField, LastSeenAtField, UserAgentField]);
            return fields[0].IsNull
                ? null
                : new ActiveSession(
                    id,
                    DateTimeOffset.FromUnixTimeMilliseconds((long)fields[0]),
                    DateTimeOffset.FromUnixTimeMilliseconds((long)fields[1]),
                    fields[2].IsNullOrEmpty ? null : fields[2].ToString(),
                    id == current.Id);
        });
        return [.. sessions.OrderByDescending(session => session.LastSeenAt)];
    }

    /// <summary>Ends one of the user's sessions by its ID; false when the user has no session of that ID.</summary>
    public async Task<bool> EndOneAsync(UserSession user, string sessionId)
    {
        if (!await index.ContainsAsync(user.User.SessionsKey, sessionId)
            || await FetchAsync(sessionId) is not { } found)
        {
            return false;
        }
        await EndStoredAsync(found.Session);
        return true;
    }

    /// <summary>Ends every session of the user (same provider, issuer and <c>sub</c>); returns their tokens, for revoking.</summary>
    public async Task<List<SessionTokens>> EndAllAsync(UserKey user)
    {
        var ended = new List<SessionTokens>();
        foreach (var found in await index.ReadAsync(user.SessionsKey, FetchAsync))
        {
            if (await ReadStoredTokensAsync(found.Session) is { } tokens)
            {
                ended.Add(tokens);
            }
            await EndStoredAsync(found.Session);
        }
        return ended;
    }

    /// <summary>
    /// Ends the sessions the issuer's session <paramref name="providerSid"/> started (of <paramref name="subject"/> when given);
    /// returns how many.
    /// </summary>
    public async Task<int> EndByProviderSessionAsync(string provider, string issuer, string providerSid, string? subject)
    {
        var ended = 0;
        foreach (var found in await index.ReadAsync(RedisKeys.ProviderSessions(provider, issuer, providerSid), FetchAsync))
        {
            var user = found.Session.User;
            if (user.Provider == provider && user.Issuer == issuer && (subject is null || user.Subject == subject))
            {
                await EndStoredAsync(found.Session);
                ended++;
            }
        }
        return ended;
    }

    private async Task<SessionTokens?> ReadStoredTokensAsync(UserSession session)
    {
        var value = await redis.Database.HashGetAsync(RedisKeys.Session(session.Id), TokensField);
        var tokens = Unprotect(value, TokensPurpose, SessionCookieJson.Compact.SessionTokens);
        return tokens?.SessionId == session.Id ? tokens : null;
    }

    private async Task<CachedSession?> FetchAsync(string id)
    {
        var fields = await redis.Database.HashGetAsync(RedisKeys.Session(id), [IdentityField, LastSeenAtField]);
        if (Unprotect(fields[0], IdentityPurpose, SessionCookieJson.Compact.UserSession) is not { } session || session.Id != id)
        {
            return null;
        }
        var read = new CachedSession(session, fields[1].IsNull ? session.IssuedAt : DateTimeOffset.FromUnixTimeMilliseconds((long)fields[1]), fields[0].Length());
        cache.Set(id, read, read.IdentityBytes);
        return read;
    }

    private async Task<bool> TouchAsync(UserSession session, DateTimeOffset now)
    {
        var touched = await Touch.EvaluateAsync(redis.Database, new
        {
            key = RedisKeys.Session(session.Id),
            identity = Protect(session, IdentityPurpose, SessionCookieJson.Compact.UserSession),
            lastSeenAt = now.ToUnixTimeMilliseconds(),
            expiresInMs = (long)RedisExpiry.Until(EndOf(session), time).TotalMilliseconds,
        });
        return (long)touched == 1;
    }

    /// <summary>
    /// Makes room for <paramref name="newSession"/> under <c>Auth:Session:MaxPerUser</c>: the user's least recently seen sessions
    /// end as if the user ended them at <c>/me/sessions</c>. One session at a time (a cluster keeps each in its own slot), and
    /// before the new session is written, so a Redis failure here fails the login with nothing of it stored. The sessions are
    /// read only when the user's list is long enough to hold that many.
    /// </summary>
    private async Task EndLeastRecentlySeenAsync(UserSession newSession)
    {
        var maxPerUser = options.Value.Session.MaxPerUser;
        if (await index.CountAsync(newSession.User.SessionsKey) < maxPerUser)
        {
            return;
        }
        var others = await ListAsync(newSession);
        foreach (var old in others.OrderByDescending(other => other.LastSeenAt).ThenByDescending(other => other.CreatedAt).Skip(maxPerUser - 1))
        {
            if (await EndOneAsync(newSession, old.Id))
            {
                logger.SessionOverUserLimitEnded(SessionLog.IdHash(old.Id), newSession.Provider, old.LastSeenAt, maxPerUser);
            }
        }
    }

    /// <summary>The session first, then what lists it: a crash between them leaves a list entry readers drop.</summary>
    private async Task EndStoredAsync(UserSession session)
    {
        await redis.Database.KeyDeleteAsync(RedisKeys.Session(session.Id));
        await Task.WhenAll(
            index.RemoveAsync(session.User.SessionsKey, session.Id),
            activeSessions.RemoveAsync(session.Id));
        await endedChannel.PublishAsync(session.Id);
    }

    private static DateTimeOffset EndOf(UserSession session) => session.IdleExpiresAt ?? session.ExpiresAt;

    private byte[] Protect<T>(T value, string purpose, JsonTypeInfo<T> typeInfo) =>
        dataProtection.CreateProtector(purpose).Protect(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    private T? Unprotect<T>(RedisValue value, string purpose, JsonTypeInfo<T> typeInfo) where T : class
    {
        if (value.IsNullOrEmpty)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(dataProtection.CreateProtector(purpose).Unprotect((byte[])value!), typeInfo);
        }
        // A key ring Redis could not deliver comes wrapped in a CryptographicException: an outage (503), not a bad value.
        catch (Exception ex) when ((ex is CryptographicException or JsonException) && !RedisFailure.Is(ex))
        {
            return null;
        }
    }

    /// <summary>A session as read from Redis, with when it was last seen (written at most once a minute) and its identity's stored size.</summary>
    private sealed record CachedSession(UserSession Session, DateTimeOffset LastSeenAt, long IdentityBytes);
}
