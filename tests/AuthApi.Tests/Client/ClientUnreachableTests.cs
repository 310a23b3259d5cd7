using System.Net.Sockets;
using AuthApi.Client;

namespace AuthApi.Tests.Client;

/// <summary>No answer from AuthApi is an <see cref="AuthApiException"/> too: status 0, <see cref="ClientErrorCodes.Unreachable"/>.</summary>
public sealed class ClientUnreachableTests
{
    [Fact]
    public async Task AClosedPortThrowsUnreachableNamingTheBaseAddressAndNoCookie()
    {
        var baseAddress = new Uri($"http://127.0.0.1:{ClosedPort()}/");
        var services = new ServiceCollection();
        services.AddAuthApiClient(options =>
        {
            options.BaseAddress = baseAddress;
            options.ForwardCookiesFrom(_ => "authapi.session=the-session-cookie");
        });
        await using var provider = services.BuildServiceProvider();
        var api = provider.GetRequiredService<IAuthApi>();

        var error = await Assert.ThrowsAsync<AuthApiException>(() => api.GetMeAsync());
        using var readiness = await api.GetReadinessAsync();

        Assert.Equal((0, ClientErrorCodes.Unreachable), (error.Status, error.ErrorCode));
        Assert.Contains(baseAddress.ToString(), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the-session-cookie", error.ToString(), StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(ClientErrorCodes.Unreachable, Assert.IsType<AuthApiException>(readiness.Error).ErrorCode);
    }

    [Fact]
    public async Task NoAnswerWithinTheClientsTimeoutThrowsUnreachable()
    {
        await using var app = new TestApp();
        using var client = new ClientUnderTest(app,
            primaryHandler: () => new SilentHandler(),
            build: builder => builder.ConfigureHttpClient(http => http.Timeout = TimeSpan.FromMilliseconds(200)));

        var error = await Assert.ThrowsAsync<AuthApiException>(() => client.Api.GetMeAsync());

        Assert.Equal((0, ClientErrorCodes.Unreachable), (error.Status, error.ErrorCode));
        Assert.Contains("Timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCallersCancellationStaysACancellation()
    {
        await using var app = new TestApp();
        using var client = new ClientUnderTest(app, primaryHandler: () => new SilentHandler());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Api.GetMeAsync(cancellation.Token));

        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Accepts the request and never answers.</summary>
    private sealed class SilentHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new System.Diagnostics.UnreachableException();
        }
    }
}
