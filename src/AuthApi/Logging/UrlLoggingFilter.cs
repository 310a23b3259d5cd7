using Microsoft.Extensions.Options;

namespace AuthApi.Logging;

/// <summary>
/// Holds the framework's request log (it prints whole URLs: the callback's <c>?code=</c>) at warnings for every logger
/// provider, whatever the configuration. Configured levels are rules, and a provider-specific rule such as
/// <c>Logging:Console:LogLevel:Default</c> beats a provider-less one, so a rule is added for each provider named.
/// </summary>
internal sealed class UrlLoggingFilter : IPostConfigureOptions<LoggerFilterOptions>
{
    public const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        // A wildcard pattern longer than the category would still be the more specific rule: drop it.
        var beatingOurs = options.Rules.Where(rule => rule.CategoryName is { } pattern && pattern.Length > HostingCategory.Length && Matches(pattern, HostingCategory)).ToList();
        foreach (var rule in beatingOurs)
        {
            options.Rules.Remove(rule);
        }
        // Added last, so each wins over any rule of the same provider and category length.
        foreach (var provider in options.Rules.Select(rule => rule.ProviderName).Append(null).Distinct().ToList())
        {
            options.Rules.Add(new LoggerFilterRule(provider, HostingCategory, LogLevel.Warning, filter: null));
        }
    }

    /// <summary>How the logging library matches a category pattern with at most one '*'.</summary>
    private static bool Matches(string pattern, string category)
    {
        var wildcard = pattern.IndexOf('*');
        var prefix = wildcard < 0 ? pattern : pattern[..wildcard];
        var suffix = wildcard < 0 ? "" : pattern[(wildcard + 1)..];
        return category.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && category.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }
}
