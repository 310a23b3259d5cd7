namespace AuthApi.Contracts;

/// <summary>One configured provider, for drawing a login button.</summary>
public sealed record ProviderInfo(string Name, string DisplayName, string LoginUrl);
