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

    /// <summary>
    /// False when a string or member name in the JSON is not valid UTF-16 (an escaped lone surrogate, <c>"\ud800"</c>): reading
    /// it throws, here and in the libraries the JSON is handed to.
    /// </summary>
    public static bool HasValidText(JsonElement json)
    {
        try
        {
            ReadText(json);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void ReadText(JsonElement json)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in json.EnumerateObject())
                {
                    _ = member.Name;
                    ReadText(member.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in json.EnumerateArray())
                {
                    ReadText(item);
                }
                break;
            case JsonValueKind.String:
                _ = json.GetString();
                break;
        }
    }
}
