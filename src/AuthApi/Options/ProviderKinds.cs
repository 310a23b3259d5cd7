namespace AuthApi.Options;

/// <summary>The values of <c>Auth:Providers:{name}:Kind</c>: providers whose documented defaults <see cref="ProviderPresets"/> knows.</summary>
public static class ProviderKinds
{
    public const string Generic = "generic";
    public const string Google = "google";
    public const string Entra = "entra";
    public const string Okta = "okta";
    public const string Auth0 = "auth0";
    public const string Cognito = "cognito";
    public const string Keycloak = "keycloak";
    public const string Apple = "apple";
    public const string Salesforce = "salesforce";

    public static readonly IReadOnlyList<string> All = [Generic, Google, Entra, Okta, Auth0, Cognito, Keycloak, Apple, Salesforce];
}
