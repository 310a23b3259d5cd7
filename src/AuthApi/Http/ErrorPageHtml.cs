using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc;

namespace AuthApi.Http;

/// <summary>The HTML page a browser's navigation gets for a problem: title, detail, <c>errorCode</c> and a link to <c>/</c>, all encoded.</summary>
internal static class ErrorPageHtml
{
    public static string Render(ProblemDetails problem)
    {
        var title = problem.Title ?? "Error";
        var errorCode = problem.Extensions.TryGetValue("errorCode", out var code) ? Convert.ToString(code, CultureInfo.InvariantCulture) ?? "" : "";
        return $"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{Encode(title)}</title>
            </head>
            <body>
              <h1>{Encode(title)}</h1>
              <p>{Encode(problem.Detail ?? "")}</p>
              <p>Error code: <code>{Encode(errorCode)}</code> (HTTP {problem.Status})</p>
              <p><a href="/">Back to the start page</a></p>
            </body>
            </html>

            """;
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
