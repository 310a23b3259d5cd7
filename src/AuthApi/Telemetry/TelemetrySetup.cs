using AuthApi.Logging;
using AuthApi.Options;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AuthApi.Telemetry;

/// <summary>
/// OpenTelemetry: AuthApi's, ASP.NET Core's and HttpClient's metrics at <c>/metrics</c> (Prometheus) when
/// <c>Auth:Metrics:Enabled</c> is true, and metrics and traces over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the
/// exporter reads it and the other <c>OTEL_*</c> variables itself). With neither, no OpenTelemetry SDK runs and a request pays
/// nothing for it; the <see cref="AuthApiMetrics"/> instruments still exist for any other listener.
/// </summary>
internal static class TelemetrySetup
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string MetricsPath = "/metrics";

    private const string ServiceName = "authapi";

    /// <summary>Probes and scrapes arrive every few seconds and say nothing a trace needs.</summary>
    private static readonly PathString[] UntracedPaths = ["/healthz", "/readyz", MetricsPath];

    public static WebApplicationBuilder AddAuthApiTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuthApiMetrics>();
        // Exporters are registered before the options exist; an unreadable value is reported by the configuration check.
        var prometheus = bool.TryParse(builder.Configuration[$"{AuthOptions.SectionName}:{nameof(AuthOptions.Metrics)}:{nameof(MetricsOptions.Enabled)}"], out var enabled) && enabled;
        var otlp = !string.IsNullOrEmpty(builder.Configuration[OtlpEndpointVariable]);
        if (!prometheus && !otlp)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, read again last, win over the default name.
            .ConfigureResource(resource => resource.AddService(ServiceName).AddEnvironmentVariableDetector())
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(AuthApiMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(AuthApiTracing.SourceName)
                .AddAspNetCoreInstrumentation(options =>
                {
                    options.Filter = context => !UntracedPaths.Contains(context.Request.Path);
                    // The callback's query holds the authorization code and state, GET /logout's the session ID: never recorded,
                    // whatever OTEL_DOTNET_EXPERIMENTAL_ASPNETCORE_DISABLE_URL_QUERY_REDACTION says.
                    options.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                    // A session ID in the path (DELETE /me/sessions/{id}) is shown as its route pattern, known once routed.
                    options.EnrichWithHttpResponse = (activity, response) =>
                    {
                        if (ConcealedPaths.PatternToShow(response.HttpContext) is { } pattern)
                        {
                            activity.SetTag("url.path", pattern);
                        }
                    };
                })
                .AddHttpClientInstrumentation(options =>
                    // Provider calls carry secrets in headers and bodies, not queries, but a configured URL may have one.
                    options.EnrichWithHttpRequestMessage = (activity, request) => activity.SetTag("url.full", WithoutQuery(request.RequestUri)))
                .AddOtlpExporter());
        }
        return builder;
    }

    /// <summary>Maps <c>/metrics</c> when <c>Auth:Metrics:Enabled</c> is true; otherwise it is 404 like any unknown path.</summary>
    public static IEndpointRouteBuilder MapAuthApiMetrics(this IEndpointRouteBuilder routes)
    {
        if (routes.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>().Value.Metrics.Enabled)
        {
            // For the scraper, not API clients: not in the OpenAPI document.
            routes.MapPrometheusScrapingEndpoint(MetricsPath).ExcludeFromDescription();
        }
        return routes;
    }

    private static string? WithoutQuery(Uri? uri) =>
        uri is null ? null : uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
}
