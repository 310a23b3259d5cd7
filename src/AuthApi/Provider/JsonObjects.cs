using System.Text.Json;

namespace AuthApi.Provider;

/// <summary>JSON objects from providers, read strictly: a member named twice makes the object unreadable (RFC 7515 §4, OIDC Core §5.3.2).</summary>
internal static class JsonObjects
{
    /// <summary>The object's members by name, or null when it is not an object or names a member twice.</summary>
    public static Dictionary<string, JsonElement>? TryReadMembers(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in json.EnumerateObject())
        {
            if (!members.TryAdd(member.Name, member.Value.Clone()))
            {
                return null;
            }
        }
        return members;
    }
}
