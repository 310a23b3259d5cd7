using Microsoft.Extensions.Options;

namespace AuthApi.Options;

/// <summary>
/// Binds what plain binding cannot: the flat single-provider form, each provider's preset defaults (<c>Kind</c>) under
/// its own settings, and lists given as one
/// comma-separated string (<c>Auth__ExposeTokens=id,access</c>). Values the review found unreadable are left at
/// their defaults here and reported as problems by <see cref="UnreadableValuesValidation"/>.
/// </summary>
internal sealed class AuthOptionsSetup(AuthSectionReview review) : IConfigureOptions<AuthOptions>
{
    public void Configure(AuthOptions options)
    {
        var section = review.Readable;
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            // A value of a kind the review does not check; the binder's message names the key and the expected type.
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(AuthOptions), [ex.Message]);
        }
        options.ExposeTokens = ReadList(section.GetSection(nameof(AuthOptions.ExposeTokens)));
        options.AllowedOrigins = ReadList(section.GetSection(nameof(AuthOptions.AllowedOrigins)));
        options.ForwardedHeaders.KnownNetworks = ReadList(section.GetSection($"{nameof(AuthOptions.ForwardedHeaders)}:{nameof(TrustedProxyOptions.KnownNetworks)}"));

        var providers = section.GetSection(nameof(AuthOptions.Providers));
        foreach (var name in options.Providers.Keys)
        {
            options.Providers[name] = BindWithPreset(providers.GetSection(name));
        }
        if (section[nameof(ProviderOptions.ServerMetadataUrl)] is not null || section[nameof(ProviderOptions.ClientId)] is not null
            || section[nameof(ProviderOptions.Kind)] is not null)
        {
            options.Providers.TryAdd(AuthOptions.FlatProviderName, BindWithPreset(section));
        }
    }

    /// <summary>The provider's preset defaults with its own section bound over them: what configuration says wins.</summary>
    private static ProviderOptions BindWithPreset(IConfigurationSection section)
    {
        var provider = ProviderPresets.Create(section[nameof(ProviderOptions.Kind)]);
        section.Bind(provider);
        ProviderPresets.Complete(provider);
        return provider;
    }

    // An empty value with children is a list whose parent key some source also set (appsettings.json's [], command-line round-trips).
    private static List<string> ReadList(IConfigurationSection section) =>
        section.Value is { Length: > 0 } single
            ? [.. single.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : [.. section.GetChildren().Select(child => child.Value).OfType<string>()];
}
