namespace AuthApi.Contracts;

/// <summary><c>GET /login</c> with <c>Accept: application/json</c>: where to send the browser.</summary>
/// <param name="AuthorizationUrl">The provider's authorization URL with this login's state, nonce and PKCE challenge.</param>
public sealed record LoginUrlResponse(string AuthorizationUrl);
