namespace AuthApi.Provider;

/// <summary>
/// Which provider a request to a provider is for and what it does, carried in the request's options: Duende.IdentityModel
/// copies them to the request it sends, and the discovery request's to the key set request that follows it.
/// </summary>
internal sealed class ProviderCall
{
    public const string Discovery = "discovery";
    public const string Jwks = "jwks";
    public const string Token = "token";
    public const string Refresh = "refresh";
    public const string UserInfo = "userinfo";
    public const string Revocation = "revocation";

    public static readonly HttpRequestOptionsKey<ProviderCall> Key = new("authapi.provider-call");

    private readonly string _operation;
    private int _requests;

    private ProviderCall(string provider, string operation)
    {
        Provider = provider;
        _operation = operation;
    }

    public string Provider { get; }

    /// <summary>Marks <paramref name="request"/> as the <paramref name="operation"/> call to <paramref name="provider"/>.</summary>
    public static T Mark<T>(T request, string provider, string operation) where T : HttpRequestMessage
    {
        request.Options.Set(Key, new ProviderCall(provider, operation));
        return request;
    }

    /// <summary>What the next request of this call does: a discovery's first request is the document, its second the key set.</summary>
    public string NextOperation() =>
        Interlocked.Increment(ref _requests) > 1 && _operation == Discovery ? Jwks : _operation;
}
