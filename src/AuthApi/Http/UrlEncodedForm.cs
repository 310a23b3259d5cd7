using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace AuthApi.Http;

/// <summary>
/// Reads an <c>application/x-www-form-urlencoded</c> body with a size cap, for endpoints that read their form themselves (a
/// provider's post): every defect is the endpoint's own answer, not form binding's bare 415 or an exception.
/// </summary>
internal static class UrlEncodedForm
{
    public const string MediaType = "application/x-www-form-urlencoded";

    /// <summary>The form's fields, or null with the reason (for the log: it never quotes the body).</summary>
    public static async Task<(Dictionary<string, StringValues>? Fields, string? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"the body is not {MediaType}");
        }
        if (request.ContentLength > maxBytes || await ReadBodyAsync(request, maxBytes, cancellationToken) is not { } body)
        {
            return (null, $"the body is over {maxBytes} bytes or unreadable");
        }
        try
        {
            return (new FormReader(body).ReadForm(), null);
        }
        catch (InvalidDataException)
        {
            return (null, "the form has too many fields");
        }
    }

    /// <summary>The body as text, or null when it is longer than <paramref name="maxBytes"/> or breaks off.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxBytes + 1];
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
        return length > maxBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }
}
