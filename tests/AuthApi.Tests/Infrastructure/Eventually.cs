namespace AuthApi.Tests.Infrastructure;

/// <summary>Waits for what another instance learns by a Redis message, which arrives a moment after the request that sent it.</summary>
public static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    /// <summary>The condition's first true answer within a few seconds, else its last (false) answer.</summary>
    public static async Task<bool> IsTrueAsync(Func<Task<bool>> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return true;
            }
            if (waited.Elapsed > Limit)
            {
                return false;
            }
            await Task.Delay(20);
        }
    }
}
