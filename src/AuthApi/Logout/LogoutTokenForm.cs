using System.ComponentModel;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

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

    private const string FormUrlEncoded = "application/x-www-form-urlencoded";

    /// <summary>
    /// The request's form with its one non-empty <c>logout_token</c>, or null with the reason (for the log, never body content).
    /// Read here rather than by form binding, so every defect is the endpoint's own 400 and a store-less service answers 404
    /// before any body is read.
    /// </summary>
    public static async Task<(LogoutTokenForm? Form, string? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(FormUrlEncoded, StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"the body is not {FormUrlEncoded}");
        }
        if (request.ContentLength > MaxBodyBytes || await ReadBodyAsync(request, cancellationToken) is not { } body)
        {
            return (null, $"the body is over {MaxBodyBytes} bytes or unreadable");
        }

        Dictionary<string, StringValues> form;
        try
        {
            form = new FormReader(body).ReadForm();
        }
        catch (InvalidDataException)
        {
            return (null, "the form has too many fields");
        }
        return form.TryGetValue(FieldName, out var values) && values is [{ Length: > 0 } token]
            ? (new LogoutTokenForm(token), null)
            : (null, $"the form has no single non-empty {FieldName}");
    }

    /// <summary>The body as text, or null when it is longer than <see cref="MaxBodyBytes"/> or breaks off.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
        }
        catch (BadHttpRequestException)
        {
            return null;
        }
        return length > MaxBodyBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }
}
