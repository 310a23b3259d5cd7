using AuthApi.Contracts;
using AuthApi.Options;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace AuthApi.Login;

/// <summary>Checks a <c>/login</c> query; each rule carries the <c>errorCode</c> its failure answers with.</summary>
internal sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    private static readonly HashSet<string> PromptValues = new(StringComparer.Ordinal) { "none", "login", "consent", "select_account" };

    public LoginRequestValidator(IOptions<AuthOptions> options)
    {
        RuleFor(r => r.Provider)
            .Must(name => (name ?? options.Value.ResolveDefaultProvider()) is { } resolved && options.Value.Providers.ContainsKey(resolved))
            .WithErrorCode(ErrorCodes.UnknownProvider)
            .WithMessage("unknown provider");

        RuleFor(r => r.ReturnUrl)
            .Must(url => url is null || ReturnUrlValidator.IsAllowed(url, options.Value.AllowedOrigins))
            .WithErrorCode(ErrorCodes.InvalidReturnUrl)
            .WithMessage($"returnUrl must be a local path such as /home or an absolute URL on an allowed origin, at most {ReturnUrlValidator.MaxLength} characters.");

        RuleFor(r => r.Prompt)
            .Must(prompt => prompt is null || prompt.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } values && values.All(PromptValues.Contains))
            .WithErrorCode(ErrorCodes.InvalidRequest)
            .WithMessage("prompt must be none, login, consent or select_account (space-separated).");

        RuleFor(r => r.MaxAge)
            .Must(maxAge => maxAge is null || (maxAge.Length is > 0 and <= 9 && maxAge.All(char.IsAsciiDigit)))
            .WithErrorCode(ErrorCodes.InvalidRequest)
            .WithMessage("max_age must be a whole number of seconds.");

        RuleFor(r => r.LoginHint)
            .Must(hint => hint is null || (hint.Length <= 256 && !hint.Any(char.IsControl)))
            .WithErrorCode(ErrorCodes.InvalidRequest)
            .WithMessage("login_hint must be at most 256 characters, without control characters.");

        RuleFor(r => r.UiLocales)
            .Must(locales => locales is null || (locales.Length <= 64 && locales.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or ' ')))
            .WithErrorCode(ErrorCodes.InvalidRequest)
            .WithMessage("ui_locales must be space-separated language tags such as 'en-GB fr'.");
    }
}
