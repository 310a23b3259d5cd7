using Microsoft.Extensions.Options;

namespace AuthApi.Options;

public static class ConfigurationCheck
{
    /// <summary>Validates the <c>Auth</c> section now, printing one line per problem to standard error.</summary>
    public static bool HasValidAuthConfiguration(this IServiceProvider services)
    {
        try
        {
            _ = services.GetRequiredService<IOptions<AuthOptions>>().Value;
            return true;
        }
        catch (OptionsValidationException ex)
        {
            Console.Error.WriteLine("AuthApi cannot start: the configuration has problems.");
            foreach (var failure in ex.Failures)
            {
                Console.Error.WriteLine(failure);
            }
            return false;
        }
    }
}
