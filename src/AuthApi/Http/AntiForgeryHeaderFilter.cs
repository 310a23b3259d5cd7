using AuthApi.Contracts;

namespace AuthApi.Http;

/// <summary>
/// Requires the anti-forgery header (<c>X-CSRF: 1</c>) on state-changing endpoints: a custom header cannot be sent
/// cross-site without a CORS preflight, which only the allowed origins pass.
/// </summary>
internal static class AntiForgeryHeaderFilter
{
    public static RouteHandlerBuilder RequireAntiForgeryHeader(this RouteHandlerBuilder builder) =>
        builder
            .AddEndpointFilter(static async (context, next) =>
                HasAntiForgeryHeader(context.HttpContext.Request)
                    ? await next(context)
                    : AuthProblems.AntiForgeryHeaderMissing())
            .WithMetadata(new AntiForgeryHeaderRequired())
            .ProducesErrorCodes(StatusCodes.Status403Forbidden, ErrorCodes.CsrfHeaderMissing);

    /// <summary>The request carries exactly <c>X-CSRF: 1</c>.</summary>
    public static bool HasAntiForgeryHeader(HttpRequest request) =>
        request.Headers[AntiForgeryHeader.Name] == AntiForgeryHeader.Value;
}

/// <summary>Marks an endpoint as requiring the anti-forgery header (read by the OpenAPI document).</summary>
internal sealed class AntiForgeryHeaderRequired;
