namespace AuthApi;

/// <summary>
/// A port already in use ends the start with one line naming it and how to choose another, instead of the host's log
/// entry and the unhandled exception (two stack traces). Used by AuthApi's <c>Program.cs</c> and the development provider.
/// </summary>
public static class PortInUse
{
    /// <summary>
    /// Keeps the failed bind out of the logs, since <see cref="TryStartAsync"/> reports it, and Redis outages' stack traces
    /// (<see cref="KnownFailureLogFilter"/>).
    /// </summary>
    public static WebApplicationBuilder ReportKnownFailuresInOneLine(this WebApplicationBuilder builder)
    {
        KnownFailureLogFilter.Register(builder.Services);
        return builder;
    }

    /// <summary>Starts the app; false, after printing one line to standard error, when one of its addresses is in use.</summary>
    /// <param name="setting">What chooses the address, named in the line: <c>--urls</c>, or a setting of the host's own.</param>
    public static async Task<bool> TryStartAsync(this WebApplication app, string setting)
    {
        try
        {
            await app.StartAsync();
            return true;
        }
        catch (Exception exception) when (KnownFailureLogFilter.IsAddressInUse(exception))
        {
            await Console.Error.WriteLineAsync(Describe(exception.Message, setting));
            return false;
        }
    }

    /// <summary>The line, with the port and address Kestrel's message names ("Failed to bind to address http://...: address already in use.").</summary>
    internal static string Describe(string message, string setting)
    {
        var address = message.Split(' ')
            .Select(word => word.TrimEnd(':', '.'))
            .FirstOrDefault(word => Uri.TryCreate(word, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");
        return address is null
            ? $"An address is already in use ({message}): stop the other process or choose another with {setting}."
            : $"Port {new Uri(address).Port} is already in use ({address}): stop the other process or choose another with {setting}.";
    }
}
