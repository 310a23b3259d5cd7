using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AuthApi.OpenApi;

/// <summary>The document's title, description, server and tag descriptions.</summary>
internal sealed class DocumentInfoTransformer(IHttpContextAccessor http) : IOpenApiDocumentTransformer
{
    /// <summary>The server of the document generated at build time (<c>openapi/authapi.v1.json</c>), which has no request to name.</summary>
    public const string LocalServerUrl = "http://localhost:8080";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Login"] = "Starting and finishing a login with an OpenID provider.",
        ["User"] = "Who is logged in, and the session's tokens.",
        ["Logout"] = "Ending the session here and at the provider.",
        ["Providers"] = "The providers to log in with, for drawing login buttons.",
        ["Operations"] = "Liveness and readiness probes.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "AuthApi",
            Version = "v1",
            Description = "OpenID Connect relying party as a service: the browser login, callback and logout with any OIDC provider, "
                + "and a JSON view of who is logged in. Sessions live in encrypted HttpOnly cookies; state-changing calls need the "
                + "header X-CSRF: 1. Every error is RFC 9457 Problem Details with a stable errorCode.",
        };

        document.Servers = [http.HttpContext?.Request is { } request
            ? new OpenApiServer { Url = OriginOf(request), Description = "This service, where this document was fetched from" }
            : new OpenApiServer { Url = LocalServerUrl, Description = "A local run: the development stack or docker run -p 8080:8080" }];

        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Where the request came to, so Swagger UI's "Try it out" and an import by URL work on any host and port. The document
    /// is built for each request and never cached; the scheme comes from a listed proxy only, and X-Forwarded-Host from none.
    /// </summary>
    private static string OriginOf(HttpRequest request) =>
        $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}";
}
