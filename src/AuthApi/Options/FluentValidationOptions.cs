using FluentValidation;
using Microsoft.Extensions.Options;

namespace AuthApi.Options;

/// <summary>Runs a FluentValidation validator as options validation, one failure line per problem.</summary>
internal sealed class FluentValidationOptions<T>(IValidator<T> validator) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var result = validator.Validate(options);
        return result.IsValid
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(result.Errors.Select(error => error.ErrorMessage).Distinct());
    }
}
