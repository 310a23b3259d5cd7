namespace AuthApi.Sessions;

/// <summary>Marks endpoints that read the session cookie (read by the OpenAPI document's security requirements).</summary>
internal static class SessionCookieUse
{
    /// <summary>Set <c>required</c> to false when the endpoint answers anonymous callers with success too.</summary>
    public static TBuilder ReadsSessionCookie<TBuilder>(this TBuilder builder, bool required) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SessionCookieRead(required));
}

/// <summary>The endpoint reads the session cookie; <see cref="Required"/> when it refuses anonymous callers.</summary>
internal sealed record SessionCookieRead(bool Required);
