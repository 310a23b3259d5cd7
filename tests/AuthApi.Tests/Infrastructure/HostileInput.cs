using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Tests.Infrastructure;

/// <summary>
/// Generators of what an attacker or a broken provider sends: JSON values of the wrong type or out of range, JWTs whose
/// header, claims and shape are wrong (signed validly, so the claims get past the signature check), form bodies and query
/// strings. JSON is written as text, so members can repeat and numbers, escapes and bytes can be what no serializer writes.
/// </summary>
public static class HostileInput
{
    /// <summary>Text a request may carry: control characters, escapes, non-ASCII, invalid percent-encoding, long runs.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.OneOf(
            "", "x", "test", "user-1", "\r\nfail: AuthApi.Forged[666]", "\u001b[31mred", "\u0000", "\u2028\u2029", "\u202Eevil",
            "\ud800", "\udfff\ud800", "é", "💥", "%", "%ZZ", "%00", "%0D%0A", "%C3%28", "%ED%A0%80", "%FF", "+", "&", "=", "..",
            "/", "//evil.example", "/\\evil", "https://evil.example", "-1", "0", "1e400", "99999999999999999999", "[]", "{}", "null")),
        (1, Gen.Char["\0\r\n\u001b\u0085\u2028%&=;+é💥aZ09-_.~/\\"].Array[0, 40].Select(chars => new string(chars))),
        (1, Gen.Int[1, 20_000].Select(length => new string('a', length))));

    /// <summary>A JSON value as text, of any type and some no parser should accept calmly: 1e400, a lone surrogate, deep nesting.</summary>
    public static readonly Gen<string> JsonValue = Gen.Frequency(
        (6, Gen.OneOf(
            "null", "true", "false", "0", "-1", "1.5", "1e400", "-1e400", "1e-400", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "253402300799", "253402300800", "1700000000000", "-62135596801", "NaN", "\"\"", "\"1700000000\"",
            "\"1e400\"", "\"x\"", "\"\\ud800\"", "\"\\udc00x\\ud800\"", "\"\\u0000\"", "\"\\r\\nfail: forged\"", "\"\\u001b[2J\"",
            "[]", "[1,\"a\",null]", "[[[[[[[[[[]]]]]]]]]]", "{}", "{\"a\":{\"b\":[{}]}}", "{\"a\":1,\"a\":2}",
            "\"" + new string('x', 5000) + "\"")),
        (1, Text.Select(text => JsonSerializer.Serialize(text))),
        (1, Gen.Long.Select(number => number.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.Double.Select(number => double.IsFinite(number) ? number.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1e309")));

    /// <summary>A JWT header member's value: algorithms, key IDs and types a provider should never send, or of the wrong type.</summary>
    private static readonly Gen<string> HeaderValue = Gen.Frequency(
        (3, Gen.OneOf(
            "\"RS256\"", "\"none\"", "\"None\"", "\"HS256\"", "\"RS512\"", "\"PS256\"", "\"ES256\"", "\"EdDSA\"", "\"RSA-OAEP\"",
            "\"dir\"", "\"A256GCM\"", "\"DEF\"", "\"key-1\"", "\"key-2\"", "\"unknown\"", "\"../../etc/passwd\"", "\"JWT\"",
            "\"logout+jwt\"", "\"at+jwt\"", "[\"exp\"]", "[]", "\"http://evil.example/jwks\"", "false")),
        (1, JsonValue));

    private static readonly Gen<string> HeaderName = Gen.OneOf("alg", "kid", "typ", "crit", "enc", "zip", "cty", "jku", "x5u", "jwk", "b64", "x");

    private static readonly Gen<string> ClaimName = Gen.OneOf(
        "iss", "aud", "sub", "iat", "exp", "nbf", "nonce", "auth_time", "azp", "acr", "amr", "sid", "events", "jti", "tid",
        "at_hash", "email", "email_verified", "name", "groups", "", "\u0000", "x");

    private static readonly Gen<MemberChange> HeaderChange = Gen.Select(HeaderName, HeaderValue, Gen.Enum<ChangeKind>(),
        (name, value, kind) => new MemberChange(name, value, kind));

    private static readonly Gen<MemberChange> ClaimChange = Gen.Select(ClaimName, JsonValue, Gen.Enum<ChangeKind>(),
        (name, value, kind) => new MemberChange(name, value, kind));

    /// <summary>How to turn a valid token into a hostile one; applied to the claims of the moment (a login's nonce, the clock).</summary>
    public static readonly Gen<JwtRecipe> Jwt = Gen.Select(
        Gen.Frequency((2, Gen.Const(Array.Empty<MemberChange>())), (1, HeaderChange.Array[1, 2])),
        ClaimChange.Array[1, 3],
        Gen.Frequency((8, Gen.Const(JwtShape.Signed)), (3, Gen.Enum<JwtShape>())),
        Gen.Int[1, 6],
        (header, claims, shape, segments) => new JwtRecipe(header, claims, shape, segments));

    private static readonly Gen<MemberChange> TokenResponseChange = Gen.Select(
        Gen.OneOf("access_token", "token_type", "expires_in", "refresh_token", "id_token", "scope", "error", "error_description", "x"),
        JsonValue, Gen.Enum<ChangeKind>(), (name, value, kind) => new MemberChange(name, value, kind));

    /// <summary>A body no JSON object: not JSON, another JSON type, or empty.</summary>
    private static readonly Gen<string> NotAnObject = Gen.Frequency(
        (3, Gen.OneOf("", "not json", "<html>", "{", "{\"access_token\":", "{}{}")),
        (1, JsonValue));

    /// <summary>
    /// How to turn a token endpoint's valid answer (to the code or to a refresh) into a hostile one: another status, changed
    /// members, an access token that is a JWT of a hostile shape (its <c>exp</c> is read), or a body that is no JSON object.
    /// </summary>
    public static readonly Gen<AnswerRecipe> TokenAnswer = Gen.Select(
        Gen.Frequency((8, Gen.Const(200)), (1, Gen.OneOf(400, 401, 500, 503))),
        TokenResponseChange.Array[0, 3],
        Gen.Frequency((2, Gen.Const((JwtRecipe?)null)), (1, Jwt.Select(recipe => (JwtRecipe?)recipe))),
        Gen.Frequency((8, Gen.Const((string?)null)), (1, NotAnObject.Select(body => (string?)body))),
        (status, changes, accessToken, body) => new AnswerRecipe(status, changes, accessToken, body));

    /// <summary>How to turn a valid userinfo answer into a hostile one: another status, changed claims, or no JSON object.</summary>
    public static readonly Gen<AnswerRecipe> UserInfoAnswer = Gen.Select(
        Gen.Frequency((8, Gen.Const(200)), (1, Gen.OneOf(401, 500))),
        ClaimChange.Array[0, 3],
        Gen.Frequency((8, Gen.Const((string?)null)), (1, NotAnObject.Select(body => (string?)body))),
        (status, changes, body) => new AnswerRecipe(status, changes, null, body));

    /// <summary>A form body as bytes (possibly not UTF-8), with the fields an endpoint reads and others, repeated or not.</summary>
    public static readonly Gen<FormRecipe> Form = Gen.Select(
        Gen.Select(Gen.OneOf("code", "state", "iss", "error", "error_description", "user", "logout_token", "id_token", "x", "", "a[]"), Text, Gen.Bool)
            .Array[0, 6],
        Gen.OneOf("application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-16", "application/json",
            "multipart/form-data; boundary=x", "text/plain", ""),
        Gen.OneOf("&", ";", "&&", "\n"),
        Gen.Frequency((5, Gen.Const(Array.Empty<byte>())), (1, Gen.OneOf<byte[]>([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0x00]))),
        (fields, contentType, separator, trailingBytes) => new FormRecipe(fields, contentType, separator, trailingBytes));

    /// <summary>A query string of the parameters <c>/login</c> and <c>/oauth2callback</c> read and others, values raw or encoded.</summary>
    public static readonly Gen<(string Name, string Value, bool Encoded)[]> Query = Gen.Select(
        Gen.OneOf("provider", "returnUrl", "prompt", "login_hint", "max_age", "ui_locales", "acr_values", "iss", "target_link_uri",
            "code", "state", "error", "error_description", "x", "", "%0D%0Afail"),
        Text, Gen.Bool).Array[0, 6];

    /// <summary>The query string: an encoded value is percent-encoded whole, a raw one goes as written.</summary>
    public static string QueryString(IEnumerable<(string Name, string Value, bool Encoded)> parameters) =>
        "?" + string.Join("&", parameters.Select(p => p.Name + "=" + (p.Encoded ? Uri.EscapeDataString(p.Value) : p.Value)));

    public enum ChangeKind
    {
        Replace,
        Remove,
        Repeat,
    }

    public enum JwtShape
    {
        Signed,
        Unsigned,
        WrongSignature,
        Segments,
        NotBase64Url,
        HugeSegment,
        InvalidUtf8Payload,
    }

    /// <summary>Sets, removes or repeats (a duplicate member) one member of a JSON object.</summary>
    public sealed record MemberChange(string Name, string Json, ChangeKind Kind);

    public sealed record JwtRecipe(MemberChange[] Header, MemberChange[] Claims, JwtShape Shape, int Segments)
    {
        /// <summary>The token: <paramref name="header"/> and <paramref name="claims"/> changed, then shaped; signed RS256 with the provider's key.</summary>
        public string Apply(IEnumerable<KeyValuePair<string, object>> header, IEnumerable<KeyValuePair<string, object>> claims)
        {
            var headerText = ObjectText(header, Header);
            var payload = Encoding.UTF8.GetBytes(ObjectText(claims, Claims));
            if (Shape == JwtShape.InvalidUtf8Payload)
            {
                payload = [.. payload[..^1], 0xc3, 0x28, 0xff, (byte)'}'];
            }
            var signingInput = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(headerText)) + "." + Base64UrlEncoder.Encode(payload);
            var signature = Base64UrlEncoder.Encode(TestKeys.Current.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            return Shape switch
            {
                JwtShape.Unsigned => signingInput + ".",
                JwtShape.WrongSignature => signingInput + "." + signature[..^4] + "AAAA",
                // Past three segments, a JWE's shape: the header, then parts that are no ciphertext (RFC 7516 §7.1).
                JwtShape.Segments => string.Join(".", (Segments <= 3 ? [.. signingInput.Split('.'), signature] : signingInput.Split('.')[..1].Concat(["a", "b", "c", "d", "e"])).Take(Segments)),
                JwtShape.NotBase64Url => signingInput.Insert(signingInput.Length / 2, "+/= %é") + "." + signature,
                JwtShape.HugeSegment => signingInput + "." + signature + new string('A', 12_000),
                _ => signingInput + "." + signature,
            };
        }

        public override string ToString() =>
            $"{Shape} ({Segments} segments), header {Described(Header)}, claims {Described(Claims)}";
    }

    /// <summary>A provider's answer: <paramref name="Status"/>, and the valid body changed, or <paramref name="Body"/> instead.</summary>
    /// <param name="AccessToken">Makes the answer's <c>access_token</c> a JWT of this shape.</param>
    public sealed record AnswerRecipe(int Status, MemberChange[] Changes, JwtRecipe? AccessToken, string? Body)
    {
        /// <summary>The status and body, from the members of a valid answer; an access token JWT carries <paramref name="accessTokenClaims"/>.</summary>
        public (int Status, string Body) Apply(Dictionary<string, object> members, Dictionary<string, object>? accessTokenClaims = null)
        {
            if (AccessToken is not null && accessTokenClaims is not null)
            {
                members["access_token"] = AccessToken.Apply(new Dictionary<string, object> { ["alg"] = "RS256", ["kid"] = "key-1", ["typ"] = "at+jwt" }, accessTokenClaims);
            }
            return (Status, Body ?? ObjectText(members, Changes));
        }

        public override string ToString() =>
            $"{Status} {(Body is null ? Described(Changes) : Abbreviated(Body))}{(AccessToken is null ? "" : $", access token {AccessToken}")}";
    }

    /// <summary>A JSON object's text: the members, then each change applied (a repeat adds a duplicate member).</summary>
    private static string ObjectText(IEnumerable<KeyValuePair<string, object>> members, MemberChange[] changes)
    {
        var list = members.Select(member => (Name: member.Key, Json: JsonSerializer.Serialize(member.Value))).ToList();
        foreach (var change in changes)
        {
            var index = list.FindIndex(member => member.Name == change.Name);
            switch (change.Kind)
            {
                case ChangeKind.Remove when index >= 0:
                    list.RemoveAt(index);
                    break;
                case ChangeKind.Replace when index >= 0:
                    list[index] = (change.Name, change.Json);
                    break;
                default:
                    list.Add((change.Name, change.Json));
                    break;
            }
        }
        return "{" + string.Join(",", list.Select(member => JsonSerializer.Serialize(member.Name) + ":" + member.Json)) + "}";
    }

    private static string Described(MemberChange[] changes) =>
        "[" + string.Join(", ", changes.Select(change => $"{change.Kind} {Abbreviated(change.Name)}: {Abbreviated(change.Json)}")) + "]";

    public sealed record FormRecipe((string Name, string Value, bool Encoded)[] Fields, string ContentType, string Separator, byte[] TrailingBytes)
    {
        /// <summary>The body, with <paramref name="logoutToken"/> as one more field when given.</summary>
        public HttpContent Content(string? logoutToken = null)
        {
            var fields = Fields.Select(field => field.Name + "=" + (field.Encoded ? Uri.EscapeDataString(field.Value) : field.Value));
            if (logoutToken is not null)
            {
                fields = fields.Append("logout_token=" + logoutToken);
            }
            var content = new ByteArrayContent([.. Encoding.UTF8.GetBytes(string.Join(Separator, fields)), .. TrailingBytes]);
            if (ContentType.Length > 0)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
            return content;
        }

        public override string ToString() =>
            $"{ContentType} [{string.Join(Separator, Fields.Select(field => $"{field.Name}={(field.Encoded ? "(encoded)" : "")}{Abbreviated(field.Value)}"))}] + {Convert.ToHexString(TrailingBytes)}";
    }

    /// <summary>Fails with the input when the answer is a 5xx or an error-level log line since the last check carries a stack trace.</summary>
    public static void AssertAnsweredWithoutServerError(TestApp app, HttpResponseMessage response, object input)
    {
        AssertNoUnhandledException(app, input);
        if ((int)response.StatusCode >= 500)
        {
            Assert.Fail($"{input} was answered {(int)response.StatusCode}");
        }
    }

    /// <summary>
    /// As <see cref="AssertAnsweredWithoutServerError"/>, but a 502 <c>refresh_failed</c> passes: what the contract answers when
    /// the provider's answer to a refresh is unusable (the provider's failure, the session kept), not a failure of this service.
    /// </summary>
    public static async Task AssertAnsweredWithoutServerErrorButRefreshFailedAsync(TestApp app, HttpResponseMessage response, object input)
    {
        if (response.StatusCode == HttpStatusCode.BadGateway)
        {
            AssertNoUnhandledException(app, input);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(body.Contains("\"errorCode\":\"refresh_failed\"", StringComparison.Ordinal), $"{input} was answered 502 {body}");
            return;
        }
        AssertAnsweredWithoutServerError(app, response, input);
    }

    /// <summary>Checks the log lines written since the last check and consumes them, so a failure names the input that caused it.</summary>
    private static void AssertNoUnhandledException(TestApp app, object input)
    {
        var lines = new List<string>();
        while (app.Factory.Logs.Lines.TryDequeue(out var line))
        {
            lines.Add(line);
        }
        var unhandled = lines.FirstOrDefault(line =>
            (line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal)) && line.Contains("   at ", StringComparison.Ordinal));
        if (unhandled is not null)
        {
            Assert.Fail($"{input} logged an unhandled exception: {unhandled}");
        }
    }

    /// <summary>A value short enough for a failure message, with its control characters visible.</summary>
    public static string Abbreviated(string value) =>
        JsonSerializer.Serialize(value.Length > 80 ? value[..80] + $"...({value.Length} chars)" : value);
}
