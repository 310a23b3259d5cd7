using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Provider;

/// <summary>A JWT from a provider, parsed but not yet verified: a JWS whose header and payload are JSON objects naming each member once.</summary>
/// <param name="Payload">The payload's members by name.</param>
internal sealed record ProviderJwt(JsonWebToken Token, Dictionary<string, JsonElement> Payload)
{
    /// <summary>
    /// The token, or null with the reason (for the log, never token content) when it is no JWS, names extensions in
    /// <c>crit</c> or repeats a member. <paramref name="kind"/> names the token in the reason ("ID token").
    /// </summary>
    public static ProviderJwt? TryParse(string compact, string kind, out string? problem)
    {
        JsonWebToken token;
        try
        {
            token = new JsonWebToken(compact);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            problem = $"the {kind} is not a JWT";
            return null;
        }
        if (token.IsEncrypted)
        {
            problem = $"the {kind} is encrypted (a JWE), which AuthApi does not decrypt";
            return null;
        }
        // RFC 7515 §4.1.11: a JWS naming extensions in crit must be refused by a recipient that does not understand them.
        if (token.TryGetHeaderValue<object>("crit", out _))
        {
            problem = $"the {kind} has a crit header";
            return null;
        }
        if (Members(token.EncodedHeader) is null || Members(token.EncodedPayload) is not { } payload)
        {
            problem = $"the {kind}'s header or payload is not one JSON object without repeated members";
            return null;
        }
        problem = null;
        return new ProviderJwt(token, payload);
    }

    /// <summary>The payload member's value when it is a string, else null (missing, or another JSON type).</summary>
    public string? StringMember(string name) =>
        Payload.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The members of a base64url JSON part, or null when it is unreadable or repeats a member.</summary>
    private static Dictionary<string, JsonElement>? Members(string encodedPart)
    {
        try
        {
            using var part = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(encodedPart));
            return JsonObjects.TryReadMembers(part.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }
    }
}
