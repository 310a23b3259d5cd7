using Microsoft.Extensions.Options;

namespace AuthApi.Options;

/// <summary>Reports the values the binder could not have read, together with every other configuration problem.</summary>
internal sealed class UnreadableValuesValidation(AuthSectionReview review) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        review.UnreadableValues.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(review.UnreadableValues);
}
