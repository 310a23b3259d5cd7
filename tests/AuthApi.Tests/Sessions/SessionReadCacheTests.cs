using AuthApi.Sessions;

namespace AuthApi.Tests.Sessions;

/// <summary>The Redis read cache is bounded by the memory its entries take, not only by their count.</summary>
public sealed class SessionReadCacheTests
{
    private const int LargestStoredSession = 64 * 1024;

    [Fact]
    public void TwoThousandSessionsAtTheStoredSizeLimitStayUnderTheCachesByteBound()
    {
        using var cache = new SessionReadCache();

        for (var i = 0; i < 2_000; i++)
        {
            cache.Set($"session-{i}", new object(), LargestStoredSession);
        }

        var kept = Enumerable.Range(0, 2_000).Count(i => cache.Get<object>($"session-{i}") is not null);
        Assert.InRange(kept, 1, SessionReadCache.MaxBytes / SessionReadCache.SizeOf(LargestStoredSession));
    }

    [Fact]
    public void FiveThousandOrdinarySessionsAllFit()
    {
        using var cache = new SessionReadCache();

        for (var i = 0; i < 5_000; i++)
        {
            cache.Set($"session-{i}", new object(), 2_000);
        }

        Assert.All(Enumerable.Range(0, 5_000), i => Assert.NotNull(cache.Get<object>($"session-{i}")));
    }
}
