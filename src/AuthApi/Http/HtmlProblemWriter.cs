using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace AuthApi.Http;

/// <summary>
/// Writes a problem as a small HTML page (<see cref="ErrorPageHtml"/>) for a person whose browser navigated to an
/// endpoint marked with <see cref="NavigationEndpoint"/>; every other caller gets Problem Details.
/// </summary>
internal sealed class HtmlProblemWriter(IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    // The page needs nothing but its own markup: no script, style, frame or form may run on it, whatever a message holds.
    private const string ContentSecurityPolicy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public bool CanWrite(ProblemDetailsContext context) =>
        EndpointOf(context.HttpContext)?.Metadata.GetMetadata<NavigationEndpoint>() is not null
        && HtmlPreference.PrefersHtml(context.HttpContext.Request);

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        options.Value.CustomizeProblemDetails?.Invoke(context);
        var response = context.HttpContext.Response;
        context.ProblemDetails.Status ??= response.StatusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return new(response.WriteAsync(ErrorPageHtml.Render(context.ProblemDetails), context.HttpContext.RequestAborted));
    }

    /// <summary>
    /// The endpoint that answers: the exception handler clears it before handling (Redis away, for one), and keeps it in its
    /// feature, so a navigation that failed that way gets the page too.
    /// </summary>
    private static Endpoint? EndpointOf(HttpContext context) =>
        context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
}
