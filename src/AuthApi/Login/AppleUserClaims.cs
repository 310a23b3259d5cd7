using System.Text.Json;

namespace AuthApi.Login;

/// <summary>
/// Sign in with Apple's <c>user</c> form field: the name the user gave Apple, posted once, with the first login only, and
/// in no token. It is unsigned, so it only fills <c>given_name</c>, <c>family_name</c> and <c>name</c> where the signed ID
/// token (and userinfo) have none, and its <c>email</c> is never taken: the ID token's is the one Apple vouches for.
/// </summary>
internal static class AppleUserClaims
{
    /// <summary>Apple's field is a name and an email, a few hundred bytes: a larger one is ignored unread.</summary>
    public const int MaxBytes = 4 * 1024;

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 4, AllowDuplicateProperties = false };

    /// <summary>
    /// Adds the field's name claims the ID token and userinfo lack to <paramref name="extraClaims"/> (the claims stored beside
    /// the ID token). False, adding nothing, when the field is over <see cref="MaxBytes"/> or not JSON with a name object.
    /// </summary>
    public static bool TryAdd(string userField, IReadOnlyDictionary<string, JsonElement> idTokenClaims, Dictionary<string, JsonElement> extraClaims)
    {
        if (userField.Length > MaxBytes)
        {
            return false;
        }
        string? first, last;
        try
        {
            using var document = JsonDocument.Parse(userField, ParseOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("name", out var name)
                || name.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            first = NonEmptyString(name, "firstName");
            last = NonEmptyString(name, "lastName");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException) // the latter: a string of invalid UTF-16
        {
            return false;
        }

        AddIfAbsent("given_name", first);
        AddIfAbsent("family_name", last);
        AddIfAbsent("name", string.Join(' ', new[] { first, last }.OfType<string>()));
        return true;

        void AddIfAbsent(string claim, string? value)
        {
            if (!string.IsNullOrEmpty(value) && !idTokenClaims.ContainsKey(claim))
            {
                extraClaims.TryAdd(claim, JsonSerializer.SerializeToElement(value)); // userinfo's value, when it has one, stays
            }
        }
    }

    private static string? NonEmptyString(JsonElement parent, string property) =>
        parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 } text
            ? text
            : null;
}
