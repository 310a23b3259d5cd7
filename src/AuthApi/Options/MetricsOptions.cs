namespace AuthApi.Options;

/// <summary>The <c>Auth:Metrics</c> section.</summary>
public sealed class MetricsOptions
{
    /// <summary>
    /// Serve AuthApi's metrics (and ASP.NET Core's and HttpClient's) at <c>/metrics</c> in the Prometheus text format. Anyone who
    /// can reach the service can read them: expose the path only to the scraper. Defaults to <c>false</c>.
    /// </summary>
    public bool Enabled { get; set; }
}
