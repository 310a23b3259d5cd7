namespace AuthApi.Tests.Infrastructure;

/// <summary>Waits for what another instance learns by a Redis message a moment after the request that sent it, or for a recovery.</summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(3);

    /// <summary>The condition's first true answer within <paramref name="within"/> (a few seconds by default), else its last (false) answer.</summary>
    public static async Task<bool> IsTrueAsync(Func<Task<bool>> condition, TimeSpan? within = null)
    {
        var limit = within ?? DefaultLimit;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return true;
            }
            if (waited.Elapsed > limit)
            {
                return false;
            }
            await Task.Delay(20);
        }
    }
}
