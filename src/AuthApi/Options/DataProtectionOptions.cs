namespace AuthApi.Options;

/// <summary>The <c>Auth:DataProtection</c> section.</summary>
public sealed class DataProtectionOptions
{
    /// <summary>Folder the cookie encryption keys persist to. Defaults to <c>keys</c> under the content root.</summary>
    public string? KeysPath { get; set; }
}
