using Microsoft.Extensions.Options;

namespace AuthApi.Options;

public static class ConfigurationCheck
{
    /// <summary>
    /// Validates the <c>Auth</c> section now, printing one line per problem to standard error, and warns of every key
    /// under <c>Auth</c> that no setting reads (a typo there is otherwise silently ignored).
    /// </summary>
    public static bool HasValidAuthConfiguration(this IServiceProvider services)
    {
        var unknownKeys = services.GetRequiredService<AuthSectionReview>().UnknownKeys;
        try
        {
            _ = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            Console.Error.WriteLine("AuthApi cannot start: the configuration has problems.");
            foreach (var line in ex.Failures.Concat(unknownKeys.Select(UnknownKeyLine)))
            {
                Console.Error.WriteLine(line);
            }
            return false;
        }

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConfigurationCheck).FullName!);
        foreach (var unknown in unknownKeys)
        {
            if (unknown.ClosestKnownKey is { } closest)
            {
                logger.MistypedConfigurationKey(unknown.Key, closest);
            }
            else
            {
                logger.UnknownConfigurationKey(unknown.Key);
            }
        }
        return true;
    }

    private static string UnknownKeyLine(AuthSectionReview.UnknownKey unknown) => unknown.ClosestKnownKey is { } closest
        ? $"{unknown.Key} is not a setting of AuthApi and is ignored: did you mean {closest}?"
        : $"{unknown.Key} is not a setting of this version of AuthApi and is ignored (README.md lists the settings).";
}
