using System.Threading.RateLimiting;

namespace AuthApi.Http;

/// <summary>The shared window's answer to one request: let through, or refused with the time left in the window.</summary>
internal sealed class SharedRateLease : RateLimitLease
{
    public static readonly SharedRateLease Acquired = new(true, null);

    /// <summary>Refused before Redis was asked: the middleware then asks again, asynchronously.</summary>
    public static readonly SharedRateLease NotYetCounted = new(false, null);

    private readonly TimeSpan? _retryAfter;

    private SharedRateLease(bool isAcquired, TimeSpan? retryAfter)
    {
        IsAcquired = isAcquired;
        _retryAfter = retryAfter;
    }

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public static SharedRateLease Refused(TimeSpan retryAfter) => new(false, retryAfter);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = metadataName == MetadataName.RetryAfter.Name ? _retryAfter : null;
        return metadata is not null;
    }
}
