using System.Globalization;
using System.Text;

namespace AuthApi.Logging;

/// <summary>
/// Request-derived text made safe for a log line: control characters (a CR, an LF, an escape sequence) are written as
/// <c>\uXXXX</c>, so no request can end a line and forge the next one, nor drive a terminal.
/// </summary>
internal static class LogText
{
    public static string Escaped(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.AsSpan().ContainsAnyInRange('\u0000', '\u001f') && !text.AsSpan().ContainsAnyInRange('\u007f', '\u009f'))
        {
            return text ?? "";
        }
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var character in text)
        {
            if (char.IsControl(character))
            {
                escaped.Append("\\u").Append(((int)character).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(character);
            }
        }
        return escaped.ToString();
    }
}
