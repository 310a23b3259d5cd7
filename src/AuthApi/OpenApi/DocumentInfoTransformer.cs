using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AuthApi.OpenApi;

/// <summary>The document's title, description, server and tag descriptions.</summary>
internal sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    public const string LocalServerUrl = "http://localhost:8080";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Login"] = "Starting and finishing a login with an OpenID provider, and the providers to choose from.",
        ["User"] = "Who is logged in, and the session's tokens.",
        ["Logout"] = "Ending the session here and at the provider.",
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

        // At run time the document would name the requesting host, at build time none: one fixed entry keeps them identical.
        document.Servers = [new OpenApiServer { Url = LocalServerUrl, Description = "A local run (docker run -p 8080:8080)" }];

        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }
        return Task.CompletedTask;
    }
}
