namespace AuthApi.Login;

/// <summary>A started login, kept in its own correlation cookie until the provider sends the browser back.</summary>
/// <param name="MaxAge">The <c>max_age</c> sent to the provider, in seconds; the ID token's <c>auth_time</c> must honour it.</param>
internal sealed record LoginTransaction(
    string State,
    string Nonce,
    string CodeVerifier,
    string Provider,
    string ReturnUrl,
    DateTimeOffset CreatedAt,
    int? MaxAge = null)
{
    /// <summary>Cookie name suffix: a prefix of the state, so each tab's login has its own cookie.</summary>
    public static string KeyOf(string state) => state.Length > 16 ? state[..16] : state;
}
