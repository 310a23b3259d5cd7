using System.ComponentModel;
using System.Text.Json.Serialization;
using AuthApi.Http;

namespace AuthApi.Logout;

/// <summary>
/// The form a provider posts (Back-Channel Logout 1.0 §2.5): application/x-www-form-urlencoded, at most 16 KB, with exactly
/// one logout_token.
/// </summary>
internal sealed record LogoutTokenForm(
    [property: JsonPropertyName(LogoutTokenForm.FieldName)]
    [property: Description("The logout token: a JWT the provider signed, naming the user (sub) or the provider's session (sid) whose sessions end here.")]
    string LogoutToken)
{
    public const string FieldName = "logout_token";

    /// <summary>A logout token is a few hundred bytes to a few KB; a larger body is refused unread.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>
    /// The request's form with its one non-empty <c>logout_token</c>, or null with the reason (for the log, never body content).
    /// Read here rather than by form binding, so every defect is the endpoint's own 400 and a store-less service answers 404
    /// before any body is read.
    /// </summary>
    public static async Task<(LogoutTokenForm? Form, string? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (form, problem) = await UrlEncodedForm.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (form is null)
        {
            return (null, problem);
        }
        return form.TryGetValue(FieldName, out var values) && values is [{ Length: > 0 } token]
            ? (new LogoutTokenForm(token), null)
            : (null, $"the form has no single non-empty {FieldName}");
    }
}
