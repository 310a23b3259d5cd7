using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApi.DevIdentityProvider.Demo;

/// <summary>
/// <c>GET /</c> and <c>GET /demo.js</c> on AuthApi run beside this provider: the demo page, which logs in and out and shows
/// <c>/me</c>, the tokens and the session's expiry the way a single-page app would. Not part of the OpenAPI document.
/// </summary>
internal static class DemoPage
{
    // No 'unsafe-inline' for scripts: the page wires its buttons with addEventListener, as a CSP-strict SPA must.
    private const string ContentSecurityPolicy =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly byte[] Page = Resource("index.html");
    private static readonly byte[] Script = Resource("demo.js");

    public static RouteGroupBuilder MapDemoPage(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").ExcludeFromDescription();

        group.MapGet("/", GetPage);
        group.MapGet("/demo.js", GetScript);

        return group;
    }

    private static FileContentHttpResult GetPage(HttpContext context)
    {
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return TypedResults.Bytes(Page, "text/html; charset=utf-8");
    }

    private static FileContentHttpResult GetScript() =>
        TypedResults.Bytes(Script, "text/javascript; charset=utf-8");

    private static byte[] Resource(string name)
    {
        using var stream = typeof(DemoPage).Assembly.GetManifestResourceStream($"AuthApi.DevIdentityProvider.Demo.{name}")
            ?? throw new InvalidOperationException($"The demo page's {name} is not embedded in the assembly.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
