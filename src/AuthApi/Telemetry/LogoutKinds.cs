namespace AuthApi.Telemetry;

/// <summary>The <c>kind</c> tag of <c>authapi.logouts</c>.</summary>
internal static class LogoutKinds
{
    /// <summary>The session ended here only: the provider has no end-session endpoint, or it is not used.</summary>
    public const string Local = "local";

    /// <summary>The session ended here, and the browser is sent to the provider's end-session endpoint.</summary>
    public const string Provider = "provider";

    /// <summary><c>POST /logout?everywhere=true</c>: every session of the user ended.</summary>
    public const string Everywhere = "everywhere";

    /// <summary>The provider's back-channel logout token ended sessions.</summary>
    public const string BackChannel = "back-channel";

    /// <summary><c>DELETE /me/sessions/{id}</c>: the user ended one of their sessions from the list.</summary>
    public const string List = "list";
}
