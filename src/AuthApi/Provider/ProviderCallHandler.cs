using System.Diagnostics;
using System.Globalization;
using AuthApi.Telemetry;

namespace AuthApi.Provider;

/// <summary>
/// A span for each request to a provider (<c>provider.discovery</c>, <c>provider.jwks</c>, <c>provider.token</c>,
/// <c>provider.refresh</c>, <c>provider.userinfo</c>, <c>provider.revocation</c>) and the count of key set requests. Tags name
/// the provider, host, method, status and outcome only: the URL's path and query, headers and bodies carry codes and tokens.
/// </summary>
internal sealed class ProviderCallHandler(AuthApiMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(ProviderCall.Key, out var call))
        {
            return await base.SendAsync(request, cancellationToken);
        }
        var operation = call.NextOperation();
        using var activity = AuthApiTracing.Source.StartActivity($"provider.{operation}");
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("authapi.provider", call.Provider);
            activity.SetTag("server.address", request.RequestUri?.Host);
            activity.SetTag("server.port", request.RequestUri?.Port);
            activity.SetTag("http.request.method", request.Method.Method);
        }
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            Finish(activity, call, operation, response.IsSuccessStatusCode ? FetchOutcomes.Success : FetchOutcomes.ErrorStatus, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // HttpClient's timeout arrives here as a cancellation: like a refused connection, no answer.
            Finish(activity, call, operation, FetchOutcomes.Unreachable, ex.GetType().FullName);
            throw;
        }
    }

    private void Finish(Activity? activity, ProviderCall call, string operation, string outcome, string? errorType)
    {
        if (activity is not null)
        {
            activity.SetTag("authapi.outcome", outcome);
            if (outcome != FetchOutcomes.Success)
            {
                activity.SetTag("error.type", errorType);
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
        if (operation == ProviderCall.Jwks)
        {
            metrics.JwksFetched(call.Provider, outcome);
        }
    }
}
