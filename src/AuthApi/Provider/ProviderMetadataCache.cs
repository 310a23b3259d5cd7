using System.Collections.Concurrent;
using AuthApi.Options;
using AuthApi.Telemetry;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Provider;

/// <summary>
/// The one cache of provider metadata and signing keys, shared by every endpoint. Each provider's
/// document is fetched once, trusted for <c>Auth:Discovery:RefreshInterval</c>, then re-fetched in the
/// background while the old copy keeps serving, so a provider outage does not stop logins.
/// </summary>
internal sealed class ProviderMetadataCache(
    IHttpClientFactory httpClientFactory,
    IOptions<AuthOptions> options,
    TimeProvider time,
    AuthApiMetrics metrics,
    ILogger<ProviderMetadataCache> logger)
{
    /// <summary>
    /// After a failed fetch, callers get no new attempt for this long, so an outage is not amplified; clients are told
    /// to retry after it (<c>Retry-After</c>).
    /// </summary>
    public static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(10);

    /// <summary>Least time between two JWKS re-fetches caused by unknown key IDs, so a flood of bad tokens cannot hammer the provider.</summary>
    public static readonly TimeSpan KeyRefetchInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, ProviderEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>The provider's metadata, or null when none was ever loaded and the provider cannot be reached now.</summary>
    public async ValueTask<ProviderMetadata?> GetAsync(string provider, CancellationToken cancellationToken = default)
    {
        var entry = _entries.GetOrAdd(provider, static _ => new ProviderEntry());
        var current = entry.Metadata;
        var now = time.GetUtcNow();
        if (current is not null)
        {
            if (now - current.FetchedAt >= options.Value.Discovery.RefreshInterval && !entry.InBackoff(now))
            {
                _ = entry.FetchOnce(() => FetchAsync(provider, entry));
            }
            return current;
        }
        if (entry.InBackoff(now))
        {
            return null;
        }
        return await entry.FetchOnce(() => FetchAsync(provider, entry)).WaitAsync(cancellationToken);
    }

    /// <summary>Why the provider's last metadata fetch failed, or null when it succeeded (or none was made).</summary>
    public MetadataProblem? LastProblemOf(string provider) =>
        _entries.TryGetValue(provider, out var entry) ? entry.LastProblem : null;

    /// <summary>
    /// Re-fetches the provider's JWKS after an ID token named a key it does not have (key rotation);
    /// at most once per <see cref="KeyRefetchInterval"/>. Returns the keys to validate with.
    /// </summary>
    public async ValueTask<IReadOnlyList<SecurityKey>> RefetchSigningKeysAsync(string provider, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(provider, static _ => new ProviderEntry());
        var current = entry.Metadata ?? throw new InvalidOperationException("Keys are re-fetched only after metadata was loaded.");
        if (current.JwksUri is null || !entry.TryStartKeyRefetch(time.GetUtcNow(), KeyRefetchInterval))
        {
            return current.SigningKeys;
        }

        var client = httpClientFactory.CreateClient(ProviderHttpClient.Name);
        var response = await ProviderHttpClient.TimeoutAsError(cancellationToken, () => client.GetJsonWebKeySetAsync(
            ProviderCall.Mark(new JsonWebKeySetRequest { Address = current.JwksUri }, provider, ProviderCall.Jwks), cancellationToken));
        var keys = response.IsError ? null : ProviderMetadata.TrySigningKeysFrom(response.KeySet?.RawData);
        if (keys is null)
        {
            logger.SigningKeysRefetchFailed(provider, response.Error ?? "the key set is unreadable");
            return current.SigningKeys;
        }

        entry.Metadata = current with { SigningKeys = keys };
        logger.SigningKeysRefetched(provider, keys.Count);
        return keys;
    }

    private async Task<ProviderMetadata?> FetchAsync(string provider, ProviderEntry entry)
    {
        var providerOptions = options.Value.Providers[provider];
        var client = httpClientFactory.CreateClient(ProviderHttpClient.Name);
        var document = await ProviderHttpClient.TimeoutAsError(CancellationToken.None, () => client.GetDiscoveryDocumentAsync(
            ProviderCall.Mark(DiscoveryRequest(providerOptions), provider, ProviderCall.Discovery)));
        var problem = document.IsError ? MetadataProblem.Of(document, providerOptions.ServerMetadataUrl) : null;
        var metadata = document.IsError ? null : ProviderMetadata.TryCreate(document, providerOptions, time.GetUtcNow(), out problem);
        if (metadata is not null && TenantIssuer.IsTemplate(metadata.Issuer) && providerOptions.AllowedTenants.Count == 0)
        {
            // A multi-tenant issuer accepts any tenant's tokens unless told which: refused until the operator chooses.
            (metadata, problem) = (null, new(MetadataProblem.InvalidMetadata,
                $"the issuer is a multi-tenant template ({TenantIssuer.Placeholder}): set Auth:Providers:{provider}:AllowedTenants to the tenant IDs to accept, or {TenantIssuer.AnyTenant} for any"));
        }
        metrics.DiscoveryFetched(provider, problem?.Cause ?? FetchOutcomes.Success);
        if (metadata is null)
        {
            entry.LastFailureAt = time.GetUtcNow();
            entry.LastProblem = problem;
            if (entry.Metadata is { } stale)
            {
                logger.DiscoveryFailedServingStale(provider, problem!.Cause, problem.Detail, stale.FetchedAt);
            }
            else if (problem!.Cause == MetadataProblem.NotOpenIdConnect)
            {
                logger.NotAnOpenIdConnectProvider(provider, problem.Detail);
            }
            else if (problem.Cause == MetadataProblem.UnsupportedAlgorithm)
            {
                logger.UnsupportedIdTokenAlgorithm(provider, problem.Detail);
            }
            else
            {
                logger.DiscoveryFailedWithoutMetadata(provider, problem.Cause, problem.Detail);
            }
            return null;
        }

        entry.Metadata = metadata;
        entry.LastFailureAt = null;
        entry.LastProblem = null;
        logger.DiscoveryFetched(provider);
        return metadata;
    }

    private static readonly TenantAuthorityValidation TenantIssuerValidation = new();

    private static DiscoveryDocumentRequest DiscoveryRequest(ProviderOptions providerOptions) => new()
    {
        Address = providerOptions.ServerMetadataUrl,
        Policy = new DiscoveryPolicy
        {
            // The issuer must equal the metadata URL's authority (OpenID Connect Discovery 1.0 §4.3).
            ValidateIssuerName = true,
            AuthorityValidationStrategy = TenantIssuerValidation,
            // Large providers serve endpoints from other hosts than the issuer (tokens, keys, userinfo).
            ValidateEndpoints = false,
            // ProviderMetadata.TryCreate requires the key set, except of a provider that signs with the client secret only.
            RequireKeySet = false,
            RequireHttps = true,
            AllowHttpOnLoopback = true,
            LoopbackAddresses = [.. ProviderOptions.LoopbackHosts],
        },
    };

    /// <summary>One provider's cached state.</summary>
    private sealed class ProviderEntry
    {
        private readonly Lock _gate = new();
        private Task<ProviderMetadata?>? _inFlight;
        private DateTimeOffset _lastKeyRefetchAt = DateTimeOffset.MinValue;

        public volatile ProviderMetadata? Metadata;

        public DateTimeOffset? LastFailureAt { get; set; }

        public MetadataProblem? LastProblem { get; set; }

        public bool InBackoff(DateTimeOffset now) => LastFailureAt is { } failedAt && now - failedAt < FailureBackoff;

        /// <summary>Runs the fetch unless one is already running, so many callers cause one request.</summary>
        public Task<ProviderMetadata?> FetchOnce(Func<Task<ProviderMetadata?>> fetch)
        {
            lock (_gate)
            {
                return _inFlight ??= Run(fetch);
            }
        }

        public bool TryStartKeyRefetch(DateTimeOffset now, TimeSpan interval)
        {
            lock (_gate)
            {
                if (now - _lastKeyRefetchAt < interval)
                {
                    return false;
                }
                _lastKeyRefetchAt = now;
                return true;
            }
        }

        private async Task<ProviderMetadata?> Run(Func<Task<ProviderMetadata?>> fetch)
        {
            await Task.Yield(); // let FetchOnce publish this task before it can complete
            try
            {
                return await fetch();
            }
            finally
            {
                lock (_gate)
                {
                    _inFlight = null;
                }
            }
        }
    }
}
