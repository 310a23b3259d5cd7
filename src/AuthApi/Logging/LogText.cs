using System.Globalization;
using System.Text;

namespace AuthApi.Logging;

/// <summary>
/// Text a request or a provider chose (a path, an error description, an issuer, a cookie name), made safe for a log line:
/// control characters (CR, LF, an escape sequence, C1), line and paragraph separators, bidirectional overrides and unpaired
/// surrogates are written as <c>\uXXXX</c>, so nothing can end a line and forge the next, drive a terminal, or reorder what a
/// reader sees. A log method takes such a parameter as <see cref="LogText"/> (a string converts to it), so the escaping
/// happens in the one place the line is formatted and no caller can forget it.
/// </summary>
internal readonly struct LogText(string? text)
{
    public static implicit operator LogText(string? text) => new(text);

    public override string ToString() => Escaped(text);

    public static string Escaped(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var span = text.AsSpan();
        var first = 0;
        while (first < span.Length && !MustEscape(span, first))
        {
            first++;
        }
        if (first == span.Length)
        {
            return text;
        }
        var escaped = new StringBuilder(text.Length + 16).Append(span[..first]);
        for (var i = first; i < span.Length; i++)
        {
            if (MustEscape(span, i))
            {
                escaped.Append("\\u").Append(((int)span[i]).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(span[i]);
            }
        }
        return escaped.ToString();
    }

    private static bool MustEscape(ReadOnlySpan<char> text, int index)
    {
        var character = text[index];
        return char.IsControl(character)
            || character is '\u2028' or '\u2029' // line and paragraph separators: a new line to some viewers
            || character is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') // bidi controls (Trojan Source)
            || char.IsHighSurrogate(character) && (index + 1 == text.Length || !char.IsLowSurrogate(text[index + 1]))
            || char.IsLowSurrogate(character) && (index == 0 || !char.IsHighSurrogate(text[index - 1]));
    }
}
