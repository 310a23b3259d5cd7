using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace AuthApi.Tests.Proxy;

/// <summary>Large bodies pass both ways byte for byte, and an answer is streamed to the browser as the upstream writes it.</summary>
public sealed class BodyStreamingTests
{
    private const int EightMegabytes = 8 * 1024 * 1024;

    [Fact]
    public async Task ALargeUploadReachesTheUpstreamByteForByte()
    {
        await using var upstream = await TestUpstream.StartAsync();
        upstream.Answer = async context =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
            await context.Response.WriteAsync(Convert.ToHexString(hash.GetHashAndReset()));
        };
        await using var app = new TestApp(settings => settings.AddRoute("files", "/api/files/{**rest}", upstream.Url));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        var upload = RandomNumberGenerator.GetBytes(EightMegabytes);
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/files/report.bin") { Content = new ByteArrayContent(upload) };
        request.Headers.Add("X-CSRF", "1");

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(upload)), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ALargeDownloadReachesTheBrowserByteForByte()
    {
        var download = RandomNumberGenerator.GetBytes(EightMegabytes);
        await using var upstream = await TestUpstream.StartAsync();
        upstream.Answer = context =>
        {
            context.Response.ContentType = "application/octet-stream";
            return context.Response.Body.WriteAsync(download).AsTask();
        };
        await using var app = new TestApp(settings => settings.AddRoute("files", "/api/files/{**rest}", upstream.Url));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);

        var response = await browser.SendProxiedAsync("/api/files/report.bin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SHA256.HashData(download), SHA256.HashData(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task AnAnswerIsStreamedToTheBrowserBeforeTheUpstreamHasFinished()
    {
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await TestUpstream.StartAsync();
        upstream.Answer = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("data: first\n\n");
            await context.Response.Body.FlushAsync();
            await finish.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await context.Response.WriteAsync("data: last\n\n");
        };
        await using var app = new TestApp(settings => settings.AddRoute("events", "/api/events/{**rest}", upstream.Url));
        var browser = app.CreateBrowser();
        await app.LoginAsync(browser);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/events/feed");
        request.Headers.Add("X-CSRF", "1");

        using var response = await browser.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        finish.SetResult();
        await reader.ReadLineAsync();
        var last = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("data: first", first);
        Assert.Equal("data: last", last);
    }
}
