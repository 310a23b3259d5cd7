using AuthApi.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace AuthApi.Tests.Sessions;

/// <summary>The cache of decrypted session cookies: a hit needs the very same value and purpose, and nothing outlives its time.</summary>
public sealed class SessionCookieCacheTests
{
    private const string Purpose = "AuthApi.Session.Identity.v1";
    private const string Value = "CfDJ8Mx2cookieValueOfSomeLength_-0123456789";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public void TheSameValueAndPurposeFindTheEntry()
    {
        using var cache = new SessionCookieCache(_time);
        var session = new object();
        cache.Set(Value, Purpose, session, _time.GetUtcNow().AddHours(1));

        Assert.Same(session, cache.Get<object>(Value, Purpose));
    }

    [Theory]
    [InlineData(Value + "A", Purpose)]
    [InlineData("DfDJ8Mx2cookieValueOfSomeLength_-0123456789", Purpose)]
    [InlineData(Value, "AuthApi.Session.Handle.v1")]
    [InlineData(Purpose + "|" + Value, "")]
    public void AnyOtherValueOrPurposeMisses(string value, string purpose)
    {
        using var cache = new SessionCookieCache(_time);
        cache.Set(Value, Purpose, new object(), _time.GetUtcNow().AddHours(1));

        Assert.Null(cache.Get<object>(value, purpose));
    }

    [Fact]
    public void AnEntryIsGoneWhenTheCallerSaidItWouldBeOfNoUse()
    {
        using var cache = new SessionCookieCache(_time);
        cache.Set(Value, Purpose, new object(), _time.GetUtcNow().AddMinutes(2));

        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Null(cache.Get<object>(Value, Purpose));
    }

    [Fact]
    public void NoEntryOutlivesTheCachesLifetime()
    {
        using var cache = new SessionCookieCache(_time);
        cache.Set(Value, Purpose, new object(), DateTimeOffset.MaxValue);

        _time.Advance(SessionCookieCache.MaxLifetime);

        Assert.Null(cache.Get<object>(Value, Purpose));
    }

    [Fact]
    public void AValueThatIsNotAsciiIsNeverCachedNorFound()
    {
        using var cache = new SessionCookieCache(_time);
        cache.Set(Value + "é", Purpose, new object(), _time.GetUtcNow().AddHours(1));
        cache.Set(Value, Purpose, new object(), _time.GetUtcNow().AddHours(1));

        Assert.Null(cache.Get<object>(Value + "é", Purpose));
        Assert.Null(cache.Get<object>(Value[..^1] + "\u0130", Purpose));
    }

    [Fact]
    public void ValuesLongerThanTheStackBufferAreKeyedWholly()
    {
        using var cache = new SessionCookieCache(_time);
        var chunked = new string('x', 9000);
        cache.Set(chunked, Purpose, new object(), _time.GetUtcNow().AddHours(1));

        Assert.NotNull(cache.Get<object>(chunked, Purpose));
        Assert.Null(cache.Get<object>(chunked[..^1] + "y", Purpose));
    }
}
