using AuthApi.Http;
using AuthApi.Sessions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AuthApi.OpenApi;

/// <summary>Declares the session cookie as a security scheme and requires it on the endpoints that read the session.</summary>
internal sealed class SessionCookieSecurityTransformer : IOpenApiOperationTransformer
{
    public const string SchemeName = "sessionCookie";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var use = context.Description.ActionDescriptor.EndpointMetadata.OfType<SessionCookieRead>().LastOrDefault();
        if (use is null || context.Document is not { } document)
        {
            return Task.CompletedTask;
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes.TryAdd(SchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = SessionCookieNames.Identity,
            Description = $"The encrypted session cookie written by /oauth2callback (with {SessionCookieNames.Tokens} for the tokens). "
                + $"Named __Host-{SessionCookieNames.Identity} over HTTPS; split into chunks when large. A browser sends it by itself.",
        });

        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
        if (!use.Required)
        {
            // The empty requirement: anonymous callers get a successful answer too.
            operation.Security.Add(new OpenApiSecurityRequirement());
        }
        return Task.CompletedTask;
    }
}
