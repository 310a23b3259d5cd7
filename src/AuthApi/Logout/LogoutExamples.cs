using AuthApi.Contracts;

namespace AuthApi.Logout;

/// <summary>What the logout endpoints' answers look like, for their OpenAPI description.</summary>
internal static class LogoutExamples
{
    public static readonly LogoutResponse EndSession = new(
        "https://id.example.com/realms/main/protocol/openid-connect/logout?client_id=authapi"
        + "&post_logout_redirect_uri=https%3A%2F%2Fauth.example.com%2Foauth2callback&id_token_hint="
        // An ID token's shape (header, claims, signature), not a real one.
        + "eyJhbGciOiJSUzI1NiIsImtpZCI6IjFlOWdkazcifQ.eyJpc3MiOiJodHRwczovL2lkLmV4YW1wbGUuY29tIiwic3ViIjoiMTIzNCJ9.c2lnbmF0dXJl");
}
