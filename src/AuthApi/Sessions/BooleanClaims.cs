using System.Text.Json;

namespace AuthApi.Sessions;

/// <summary>
/// The boolean claims of OIDC Core §5.1 that some providers send as strings (Cognito's <c>"email_verified": "true"</c>),
/// made JSON booleans so a client's <c>claims.email_verified === true</c> holds whichever provider signed the user in.
/// </summary>
internal static class BooleanClaims
{
    private static readonly string[] Names = ["email_verified", "phone_number_verified"];

    private static readonly JsonElement True = JsonSerializer.SerializeToElement(true);

    private static readonly JsonElement False = JsonSerializer.SerializeToElement(false);

    /// <summary>Replaces a <c>"true"</c> or <c>"false"</c> string (any case) of those claims with the boolean; other values stay as they are.</summary>
    public static void Normalize(Dictionary<string, JsonElement> claims)
    {
        foreach (var name in Names)
        {
            if (claims.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                var text = value.GetString();
                if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
                {
                    claims[name] = True;
                }
                else if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
                {
                    claims[name] = False;
                }
            }
        }
    }
}
