using System.Text.Json;
using Duende.IdentityModel.Client;

namespace AuthApi.Provider;

/// <summary>Reading token endpoint answers safely.</summary>
internal static class TokenResponses
{
    /// <summary>
    /// A successful answer whose body is a JSON object. The library's accessors throw on JSON that is
    /// not an object, so nothing else may be read before this holds.
    /// </summary>
    public static bool IsJsonObject(TokenResponse response) =>
        response.ErrorType == ResponseErrorType.None && response.Json is { ValueKind: JsonValueKind.Object };

    /// <summary>The answer carries this member as a non-empty string.</summary>
    public static bool HasString(TokenResponse response, string name) =>
        response.Json is { ValueKind: JsonValueKind.Object } json
        && json.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
        && value.GetString()!.Length > 0;

    /// <summary>
    /// The answer's refresh token, or null when it has none that can be sent back: the library refuses (throws) to send a
    /// blank one, so a provider's <c>""</c> or <c>" "</c> counts as no refresh token.
    /// </summary>
    public static string? RefreshTokenOf(TokenResponse response) =>
        string.IsNullOrWhiteSpace(response.RefreshToken) ? null : response.RefreshToken;

    /// <summary>Why a token response failed, for the log: the error kind, HTTP status and the provider's <c>error</c> code.</summary>
    public static string Failure(TokenResponse response)
    {
        var error = response switch
        {
            { Exception: InvalidDataException refused } => refused.Message, // ProviderClient's own reasons, no provider text
            // An exception by its type (TimeoutException, HttpRequestException), never its message; a provider's error code filtered.
            { ErrorType: ResponseErrorType.Exception } => response.Exception?.GetType().Name,
            _ => ProviderValues.SafeErrorCode(response.Error),
        };
        return $"{response.ErrorType} {(int)response.HttpStatusCode} {error}";
    }
}
