using System.ComponentModel;
using System.Text.Json.Serialization;
using AuthApi.Http;

namespace AuthApi.Login;

/// <summary>
/// What a provider with <c>response_mode=form_post</c> posts to the redirect URI (OAuth 2.0 Form Post Response Mode): the
/// fields the GET callback has in its query, as an <c>application/x-www-form-urlencoded</c> body, plus Apple's <c>user</c>.
/// </summary>
internal sealed record CallbackForm(
    [property: JsonPropertyName("code")]
    [property: Description("The authorization code, exchanged once at the provider's token endpoint.")]
    string? Code = null,
    [property: JsonPropertyName("state")]
    [property: Description("The state this service sent with the login: it finds the login's cookie.")]
    string? State = null,
    [property: JsonPropertyName("iss")]
    [property: Description("The issuer of the response (RFC 9207), checked against the provider's metadata.")]
    string? Iss = null,
    [property: JsonPropertyName("error")]
    [property: Description("The provider's error code when the login failed there, e.g. access_denied; passed on as auth_error_detail.")]
    string? Error = null,
    [property: JsonPropertyName("error_description")]
    [property: Description("The provider's description of the error: logged, never shown.")]
    string? ErrorDescription = null,
    [property: JsonPropertyName(CallbackForm.UserField)]
    [property: Description("Sign in with Apple, first login only: JSON with the user's name ({\"name\":{\"firstName\":..,\"lastName\":..}}). Unsigned: it only fills given_name, family_name and name where the ID token has none; its email is ignored.")]
    string? User = null)
{
    public const string UserField = "user";

    /// <summary>A provider's answer is a code, a state and an issuer (Apple's first one a name too): a larger body is refused unread.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>
    /// The request's form, or null with the reason (for the log, never body content). Read here rather than by form binding,
    /// so a defect is this endpoint's own 400 and no anti-forgery token is asked of a provider's cross-site post. A field
    /// given twice is a defect: a provider sends each once, so two values can only be an attempt to confuse.
    /// </summary>
    public static async Task<(CallbackForm? Form, string? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (fields, problem) = await UrlEncodedForm.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (fields is null)
        {
            return (null, problem);
        }
        if (fields.Any(field => field.Value.Count > 1))
        {
            return (null, "a field of the form is given more than once");
        }
        string? Field(string name) => fields.TryGetValue(name, out var value) ? value.ToString() : null;
        return (new CallbackForm(Field("code"), Field("state"), Field("iss"), Field("error"), Field("error_description"), Field(UserField)), null);
    }

    /// <summary>The fields the GET callback reads from its query.</summary>
    public CallbackRequest ToRequest() =>
        new() { Code = Code, State = State, Iss = Iss, Error = Error, ErrorDescription = ErrorDescription };
}
