namespace AuthApi.Options;

/// <summary>Reads a file a setting names (a key, a certificate), saying why it cannot be read instead of throwing.</summary>
internal static class SettingFile
{
    /// <summary>The file's text, or null and why it cannot be read (the exception's type, never its message or the file's text).</summary>
    public static string? TryReadText(string path, out string? problem)
    {
        try
        {
            problem = null;
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = $"cannot be read ({exception.GetType().Name})";
            return null;
        }
    }
}
