using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AuthApi.Telemetry;

/// <summary>
/// The <c>AuthApi</c> meter and its instruments, created through <see cref="IMeterFactory"/> so each host (and each test's) has
/// its own. Tag values are provider names, error codes and fixed words: never a token, code, secret, state, nonce or cookie.
/// </summary>
internal sealed class AuthApiMetrics
{
    public const string MeterName = "AuthApi";

    private const string ProviderTag = "provider";
    private const string ErrorCodeTag = "error_code";
    private const string OutcomeTag = "outcome";
    private const string KindTag = "kind";
    private const string RouteTag = "route";
    private const string StatusCodeTag = "status_code";

    private readonly Meter _meter;
    private readonly Counter<long> _loginsStarted;
    private readonly Counter<long> _loginsSucceeded;
    private readonly Counter<long> _loginsFailed;
    private readonly Counter<long> _tokenRefreshes;
    private readonly Counter<long> _logouts;
    private readonly Counter<long> _discoveryFetches;
    private readonly Counter<long> _jwksFetches;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _proxyRequests;
    private readonly Counter<long> _proxyRefreshes;

    public AuthApiMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _loginsStarted = _meter.CreateCounter<long>("authapi.logins.started", "{login}",
            "Logins sent to a provider's authorization endpoint.");
        _loginsSucceeded = _meter.CreateCounter<long>("authapi.logins.succeeded", "{login}",
            "Logins that came back and created a session.");
        _loginsFailed = _meter.CreateCounter<long>("authapi.logins.failed", "{login}",
            "Logins that created no session: refused at /login or failed at the callback, by errorCode.");
        _tokenRefreshes = _meter.CreateCounter<long>("authapi.token.refreshes", "{refresh}",
            "Refreshes run against a provider (concurrent callers share one), by outcome; failed includes metadata that cannot be loaded.");
        _logouts = _meter.CreateCounter<long>("authapi.logouts", "{logout}",
            "Sessions ended on purpose, by kind: local, provider, everywhere, back-channel, list.");
        _discoveryFetches = _meter.CreateCounter<long>("authapi.discovery.fetches", "{fetch}",
            "Fetches of a provider's metadata (document and key set), by outcome: success or the /readyz cause.");
        _jwksFetches = _meter.CreateCounter<long>("authapi.jwks.fetches", "{fetch}",
            "Requests for a provider's key set (with its metadata, or after an unknown kid), by outcome.");
        _rateLimited = _meter.CreateCounter<long>("authapi.rate_limited", "{request}",
            "Requests refused by the login rate limit (429 rate_limited), by route.");
        _proxyRequests = _meter.CreateCounter<long>("authapi.proxy.requests", "{request}",
            "Requests to the API proxy's routes, by route name and the status code answered (the upstream's, or AuthApi's refusal).");
        _proxyRefreshes = _meter.CreateCounter<long>("authapi.proxy.token_refreshes", "{refresh}",
            "Token refreshes a proxied request waited for before forwarding (shared ones included), by route name and outcome.");
    }

    public void LoginStarted(string provider) => _loginsStarted.Add(1, new KeyValuePair<string, object?>(ProviderTag, provider));

    public void LoginSucceeded(string provider) => _loginsSucceeded.Add(1, new KeyValuePair<string, object?>(ProviderTag, provider));

    /// <summary>A login that created no session; <paramref name="provider"/> is null when the callback matched no pending login.</summary>
    public void LoginFailed(string? provider, string errorCode)
    {
        var tags = new TagList { { ErrorCodeTag, errorCode } };
        if (provider is not null)
        {
            tags.Add(ProviderTag, provider);
        }
        _loginsFailed.Add(1, tags);
    }

    /// <param name="outcome">One of <see cref="RefreshOutcomes"/>.</param>
    public void TokenRefreshed(string provider, string outcome) =>
        _tokenRefreshes.Add(1, new KeyValuePair<string, object?>(ProviderTag, provider), new KeyValuePair<string, object?>(OutcomeTag, outcome));

    /// <param name="route">A proxy route's configured name.</param>
    public void ProxyRequestAnswered(string route, int statusCode) =>
        _proxyRequests.Add(1, new KeyValuePair<string, object?>(RouteTag, route), new KeyValuePair<string, object?>(StatusCodeTag, statusCode));

    /// <param name="route">A proxy route's configured name.</param>
    /// <param name="outcome">One of <see cref="RefreshOutcomes"/>.</param>
    public void ProxyTokenRefreshed(string route, string outcome) =>
        _proxyRefreshes.Add(1, new KeyValuePair<string, object?>(RouteTag, route), new KeyValuePair<string, object?>(OutcomeTag, outcome));

    /// <param name="kind">One of <see cref="LogoutKinds"/>.</param>
    public void LoggedOut(string provider, string kind) =>
        _logouts.Add(1, new KeyValuePair<string, object?>(ProviderTag, provider), new KeyValuePair<string, object?>(KindTag, kind));

    /// <param name="outcome"><see cref="FetchOutcomes.Success"/> or the cause <c>/readyz</c> names.</param>
    public void DiscoveryFetched(string provider, string outcome) =>
        _discoveryFetches.Add(1, new KeyValuePair<string, object?>(ProviderTag, provider), new KeyValuePair<string, object?>(OutcomeTag, outcome));

    /// <param name="outcome">One of <see cref="FetchOutcomes"/>.</param>
    public void JwksFetched(string provider, string outcome) =>
        _jwksFetches.Add(1, new KeyValuePair<string, object?>(ProviderTag, provider), new KeyValuePair<string, object?>(OutcomeTag, outcome));

    /// <param name="route">The refused endpoint's route pattern (e.g. <c>/login</c>), never the request's path or query.</param>
    public void RateLimited(string route) => _rateLimited.Add(1, new KeyValuePair<string, object?>(RouteTag, route));

    /// <summary>Publishes <c>authapi.sessions.active</c>, read by <paramref name="observe"/> whenever metrics are collected.</summary>
    public void ObserveActiveSessions(Func<IEnumerable<Measurement<long>>> observe) =>
        _meter.CreateObservableGauge("authapi.sessions.active", observe, "{session}",
            "Server-side sessions that have not ended (Auth:Session:Store=Redis), counted in Redis at most every 15 seconds.");
}
