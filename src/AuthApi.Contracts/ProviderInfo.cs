namespace AuthApi.Contracts;

/// <summary>One configured provider, for drawing a login button.</summary>
/// <param name="Name">The provider's name in AuthApi's configuration, as <c>/login?provider=</c> takes it.</param>
/// <param name="DisplayName">The name to show on the button.</param>
/// <param name="LoginUrl">AuthApi's <c>/login</c> URL for this provider, relative to AuthApi.</param>
public sealed record ProviderInfo(string Name, string DisplayName, string LoginUrl);
