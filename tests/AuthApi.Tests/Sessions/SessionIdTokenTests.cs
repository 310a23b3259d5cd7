using System.Text.Encodings.Web;
using AuthApi.Sessions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthApi.Tests.Sessions;

/// <summary>The ID token a session stores once, decoded: it must come back exactly as the provider signed it.</summary>
public sealed class SessionIdTokenTests
{
    [Fact]
    public void ASignedIdTokenComesBackExactlyAndItsPayloadIsTheJson()
    {
        var payload = JsonSerializer.Serialize(
            new Dictionary<string, object> { ["sub"] = "user-1", ["name"] = "José Ñúñez", ["groups"] = new[] { "a", "b" } },
            new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }); // raw UTF-8, as many providers send
        var compact = new JsonWebTokenHandler().CreateToken(payload, new SigningCredentials(TestKeys.Current, SecurityAlgorithms.RsaSha256));

        var stored = SessionIdToken.From(compact);

        Assert.Equal(compact, stored.ToCompact());
        Assert.Null(stored.PayloadSegment);
        Assert.Equal("José Ñúñez", JsonDocument.Parse(stored.Payload).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public void APayloadSegmentThatDecodingWouldChangeIsKeptAsReceived()
    {
        var segment = Base64UrlEncoder.Encode([.. "{\"a\":\""u8, 0xFF, .. "\"}"u8]); // not UTF-8: a string cannot hold it
        var compact = $"eyJhbGciOiJSUzI1NiJ9.{segment}.c2lnbmF0dXJl";

        var stored = SessionIdToken.From(compact);

        Assert.Equal(compact, stored.ToCompact());
        Assert.Equal(segment, stored.PayloadSegment);
    }

    [Fact]
    public void AUserSessionShowsThePayloadWithoutProtocolClaimsAndAddsWhatOnlyUserInfoHad()
    {
        var idToken = new SessionIdToken("h", """{"sub":"user-1","name":"Ada","nonce":"n","at_hash":"x","c_hash":"y"}""", "s");
        var userInfo = new Dictionary<string, JsonElement> { ["locale"] = JsonSerializer.SerializeToElement("en-GB") };
        var now = DateTimeOffset.UtcNow;

        var session = new UserSession("id", "test", "user-1", idToken, userInfo, now, now.AddDays(1), null);

        Assert.Equal(["locale", "name", "sub"], session.Claims.Keys.Order(StringComparer.Ordinal));
        Assert.Same(session.Claims, (session with { IdleExpiresAt = now.AddHours(1) }).Claims);
    }
}
