namespace AuthApi.Contracts;

/// <summary><c>POST /logout</c>: where to send the browser to finish logging out (the provider's end-session URL or the app).</summary>
public sealed record LogoutResponse(string LogoutUrl);
