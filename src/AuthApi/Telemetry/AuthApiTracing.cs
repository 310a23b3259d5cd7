using System.Diagnostics;

namespace AuthApi.Telemetry;

/// <summary>
/// The <c>AuthApi</c> activity source: a span per call to a provider. Its tags name the provider, the host and the outcome,
/// never a token, code, secret, state, nonce, cookie or a URL with its query.
/// </summary>
internal static class AuthApiTracing
{
    public const string SourceName = "AuthApi";

    public static readonly ActivitySource Source = new(SourceName, typeof(AuthApiTracing).Assembly.GetName().Version?.ToString());
}
