namespace AuthApi.Contracts;

/// <summary><c>POST /logout</c>: where to send the browser to finish logging out (the provider's end-session URL or the app).</summary>
/// <param name="LogoutUrl">The provider's end-session URL, or <c>Auth:PostLogoutReturnUrl</c> when the provider has none.</param>
public sealed record LogoutResponse(string LogoutUrl);
