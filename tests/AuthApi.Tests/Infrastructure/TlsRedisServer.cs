using StackExchange.Redis;

namespace AuthApi.Tests.Infrastructure;

/// <summary>
/// A real <c>redis-server</c> as managed Redis runs: TLS only (its plain port off), a certificate from a private CA, the
/// <c>default</c> user off and AuthApi's own ACL user, with the rules the README gives. A second, unrestricted user lets
/// the test read what the server refused.
/// </summary>
public sealed class TlsRedisServer : IAsyncDisposable
{
    public const string User = "authapi";

    /// <summary>
    /// The README's ACL: AuthApi's keys and channels, every command but the dangerous ones, INFO (the client's role checks),
    /// and what StackExchange.Redis reads at connect (its tie-breaker key, its configuration channel).
    /// </summary>
    public const string AclRules = "~authapi:* %R~__Booksleeve_TieBreak &authapi:* &__Booksleeve_MasterChanged +@all -@dangerous +info";

    private const string AdminUser = "admin";

    private readonly RedisProcess _process;
    private readonly string _adminPassword;

    private TlsRedisServer(RedisProcess process, string password, string adminPassword)
    {
        _process = process;
        Password = password;
        _adminPassword = adminPassword;
    }

    /// <summary>The ACL user's password, unique to this server, so a test can look for it in logs and bodies.</summary>
    public string Password { get; }

    /// <summary>The PEM file of the CA that signed the server's certificate, for <c>Auth:RedisTrustedCaPath</c>.</summary>
    public string CaPath => Path.Combine(_process.Directory, "ca.pem");

    /// <summary>For <c>Auth:Redis</c>: TLS as the ACL user, with short timeouts as in <see cref="RedisServer"/>.</summary>
    public string ConnectionString(string? password = null) =>
        $"127.0.0.1:{_process.Port},ssl=true,user={User},password={password ?? Password},connectTimeout=2000,asyncTimeout=1000";

    public int Port => _process.Port;

    public static async Task<TlsRedisServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("authapi-tests-redis-tls-").FullName;
        using (var ca = new TestCertificateAuthority())
        {
            var (certificate, key) = ca.IssueLoopbackServerCertificate();
            await File.WriteAllTextAsync(Path.Combine(directory, "ca.pem"), ca.CertificatePem);
            await File.WriteAllTextAsync(Path.Combine(directory, "server.pem"), certificate);
            await File.WriteAllTextAsync(Path.Combine(directory, "server.key"), key);
        }
        var password = $"pw-{Guid.NewGuid():N}";
        var adminPassword = $"pw-{Guid.NewGuid():N}";
        await File.WriteAllLinesAsync(Path.Combine(directory, "users.acl"),
        [
            "user default off",
            $"user {User} on >{password} {AclRules}",
            $"user {AdminUser} on >{adminPassword} ~* &* +@all",
        ]);
        var port = RedisProcess.FreePort();
        // RedisProcess puts --port first; redis-server takes an option's last value, so "--port 0" turns the plain port off.
        var process = await RedisProcess.StartAsync(
        [
            "--port", "0",
            "--tls-port", port.ToString(),
            "--tls-cert-file", Path.Combine(directory, "server.pem"),
            "--tls-key-file", Path.Combine(directory, "server.key"),
            "--tls-ca-cert-file", Path.Combine(directory, "ca.pem"),
            "--tls-auth-clients", "no",
            "--aclfile", Path.Combine(directory, "users.acl"),
            "--save", "",
        ], port, directory: directory);
        return new TlsRedisServer(process, password, adminPassword);
    }

    /// <summary>What the server refused AuthApi's user (its ACL log), as "reason object", e.g. "command config|get".</summary>
    public async Task<List<string>> RefusalsAsync()
    {
        var options = ConfigurationOptions.Parse($"127.0.0.1:{Port},ssl=true,user={AdminUser},password={_adminPassword}");
        options.TrustIssuer(CaPath);
        await using var admin = await ConnectionMultiplexer.ConnectAsync(options);
        var log = (RedisResult[])(await admin.GetServers()[0].ExecuteAsync("ACL", "LOG"))!;
        return [.. log.Select(entry => entry.ToDictionary())
            .Where(entry => entry["username"].ToString() == User)
            .Select(entry => $"{entry["reason"]} {entry["object"]}")
            .Distinct()];
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
