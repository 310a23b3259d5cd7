using System.Text.Json;
using Refit;

namespace AuthApi.Client;

/// <summary>Refit's exception factory for AuthApi: every answer outside 2xx becomes an <see cref="AuthApiException"/>.</summary>
internal static class ProblemDetailsExceptionFactory
{
    private const string ProblemJson = "application/problem+json";

    public static async ValueTask<Exception?> CreateAsync(HttpResponseMessage response, RefitSettings settings)
    {
        // Redirects count as errors too: a JSON endpoint that redirects means a wrong BaseAddress (e.g. http to https).
        if (response.IsSuccessStatusCode)
        {
            return null;
        }
        var content = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return new AuthApiException(response, content, ReadProblem(response, content), settings);
    }

    private static ProblemBody? ReadProblem(HttpResponseMessage response, string content)
    {
        if (!string.Equals(response.Content.Headers.ContentType?.MediaType, ProblemJson, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(content, ProblemBodyJson.Default.ProblemBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
