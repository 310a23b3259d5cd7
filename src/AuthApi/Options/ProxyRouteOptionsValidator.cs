using FluentValidation;
using Microsoft.AspNetCore.Routing.Patterns;

namespace AuthApi.Options;

/// <summary>Checks one <c>Auth:Proxy:Routes:{name}</c> entry.</summary>
internal sealed class ProxyRouteOptionsValidator : AbstractValidator<KeyValuePair<string, ProxyRouteOptions>>
{
    /// <summary>AuthApi's own paths, which no proxy route may answer instead.</summary>
    public static readonly IReadOnlyList<string> ReservedPaths =
        ["/login", "/oauth2callback", "/logout", "/me", "/providers", "/healthz", "/readyz", "/openapi", "/swagger", "/metrics", "/backchannel-logout"];

    public ProxyRouteOptionsValidator()
    {
        RuleFor(r => r.Value.Path)
            .Must(BeRoutePattern)
            .WithMessage(r => $"Auth:Proxy:Routes:{r.Key}:Path must be a route pattern starting with '/', e.g. /api/{r.Key}/{{**rest}}: '{r.Value.Path}' is not one.");

        RuleFor(r => r.Value.Path)
            .Must(path => ShadowedPath(path) is null)
            .When(r => BeRoutePattern(r.Value.Path))
            .WithMessage(r => $"Auth:Proxy:Routes:{r.Key}:Path '{r.Value.Path}' would shadow AuthApi's own {ShadowedPath(r.Value.Path)}; give the route a prefix of its own, e.g. /api/{r.Key}/{{**rest}}.");

        RuleFor(r => r.Value.Destination)
            .Must(BeDestination)
            .WithMessage(r => $"Auth:Proxy:Routes:{r.Key}:Destination must be the upstream's absolute http(s) base URL without query or fragment, e.g. https://{r.Key}.internal/.");

        RuleFor(r => r.Value.Token)
            .IsInEnum()
            .WithMessage(r => $"Auth:Proxy:Routes:{r.Key}:Token must be User (send the session's access token, the default) or None (anonymous passthrough).");

        RuleFor(r => r.Value.Timeout)
            .GreaterThan(TimeSpan.Zero)
            .WithMessage(r => $"Auth:Proxy:Routes:{r.Key}:Timeout must be positive, e.g. 00:01:40 (the default, 100 seconds).");
    }

    /// <summary>The first of AuthApi's paths the pattern could match, or null when it matches none.</summary>
    public static string? ShadowedPath(string path)
    {
        var prefix = new ProxyRouteOptions { Path = path }.Prefix;
        return ReservedPaths.FirstOrDefault(reserved =>
            prefix.Length == 0
            || reserved.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            || prefix.StartsWith(reserved + "/", StringComparison.OrdinalIgnoreCase));
    }

    private static bool BeRoutePattern(string path)
    {
        if (!path.StartsWith('/'))
        {
            return false;
        }
        try
        {
            RoutePatternFactory.Parse(path);
            return true;
        }
        catch (RoutePatternException)
        {
            return false;
        }
    }

    private static bool BeDestination(string destination) =>
        Uri.TryCreate(destination, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Query.Length == 0 && uri.Fragment.Length == 0;
}
