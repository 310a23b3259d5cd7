using AuthApi.Client;
using AuthApi.Problems;

namespace AuthApi.Endpoints;

/// <summary>
/// Requires <c>X-CSRF: 1</c> on state-changing endpoints: a custom header cannot be sent cross-site
/// without a CORS preflight, which only the allowed origins pass.
/// </summary>
internal static class CsrfHeaderFilter
{
    public const string HeaderName = "X-CSRF";

    public static RouteHandlerBuilder RequireCsrfHeader(this RouteHandlerBuilder builder) =>
        builder
            .AddEndpointFilter(static async (context, next) =>
                context.HttpContext.Request.Headers[HeaderName] == "1"
                    ? await next(context)
                    : AuthProblems.CsrfHeaderMissing())
            .WithMetadata(new CsrfHeaderRequired())
            .ProducesErrorCodes(StatusCodes.Status403Forbidden, ErrorCodes.CsrfHeaderMissing);
}

/// <summary>Marks an endpoint as requiring the anti-forgery header (read by the OpenAPI document).</summary>
internal sealed class CsrfHeaderRequired;
