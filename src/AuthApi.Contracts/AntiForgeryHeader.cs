namespace AuthApi.Contracts;

/// <summary>
/// The anti-forgery header AuthApi requires on state-changing requests: a custom header cannot be sent cross-site without
/// a CORS preflight, which only the allowed origins pass.
/// </summary>
public static class AntiForgeryHeader
{
    /// <summary>The header's name.</summary>
    public const string Name = "X-CSRF";

    /// <summary>The one value AuthApi accepts.</summary>
    public const string Value = "1";
}
