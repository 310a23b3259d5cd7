using Duende.IdentityModel.Client;

namespace AuthApi.Provider;

/// <summary>
/// Discovery's issuer check (the issuer equals the metadata URL's authority), also accepting a multi-tenant issuer template
/// whose <c>{tenantid}</c> stands for the authority's tenant segment (<see cref="TenantIssuer"/>).
/// </summary>
internal sealed class TenantAuthorityValidation : IAuthorityValidationStrategy
{
    private readonly StringComparisonAuthorityValidationStrategy _exact = new(StringComparison.Ordinal);

    public AuthorityValidationResult IsIssuerNameValid(string issuerName, string expectedAuthority)
    {
        if (string.IsNullOrEmpty(issuerName) || !TenantIssuer.IsTemplate(issuerName))
        {
            return _exact.IsIssuerNameValid(issuerName, expectedAuthority);
        }
        return TenantIssuer.MatchesAuthority(issuerName, expectedAuthority)
            ? AuthorityValidationResult.SuccessResult
            : AuthorityValidationResult.CreateError("Issuer name does not match authority: the {tenantid} template is not the metadata URL with its tenant segment");
    }

    public AuthorityValidationResult IsEndpointValid(string endpoint, IEnumerable<string> expectedAuthority) =>
        _exact.IsEndpointValid(endpoint, expectedAuthority);
}
