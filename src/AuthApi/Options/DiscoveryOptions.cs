namespace AuthApi.Options;

/// <summary>The <c>Auth:Discovery</c> section.</summary>
public sealed class DiscoveryOptions
{
    /// <summary>How long metadata and keys are trusted before a background re-fetch. Defaults to 1 hour.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(1);
}
