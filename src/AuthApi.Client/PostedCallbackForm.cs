using Refit;

namespace AuthApi.Client;

/// <summary>
/// The form a provider with <c>response_mode=form_post</c> posts to the redirect URI, for
/// <see cref="IAuthApi.CompletePostedLoginAsync"/>: the fields the GET callback has in its query, plus Sign in with Apple's
/// <c>user</c>. Fields left null are not sent.
/// </summary>
public sealed class PostedCallbackForm
{
    /// <summary>The authorization code the provider issued.</summary>
    [AliasAs("code")]
    public string? Code { get; init; }

    /// <summary>The <c>state</c> from the authorization URL.</summary>
    [AliasAs("state")]
    public string? State { get; init; }

    /// <summary>The provider's issuer, when it sends one (RFC 9207).</summary>
    [AliasAs("iss")]
    public string? Iss { get; init; }

    /// <summary>The provider's error code, instead of a code.</summary>
    [AliasAs("error")]
    public string? Error { get; init; }

    /// <summary>The provider's error description.</summary>
    [AliasAs("error_description")]
    public string? ErrorDescription { get; init; }

    /// <summary>Sign in with Apple, first login only: JSON with the user's name, which fills name claims the ID token lacks.</summary>
    [AliasAs("user")]
    public string? User { get; init; }
}
